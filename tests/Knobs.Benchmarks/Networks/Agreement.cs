using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Knobs.Benchmarks.Networks;

/// <summary>Checks that a peer computed the same function: max |difference| of its output file vs Knobs' output.</summary>
internal static class Agreement
{
    /// <summary>Max abs difference, or null when the file is missing or has a different element count.</summary>
    public static double? MaxAbsDiff(float[] knobs, string peerOutputFile)
    {
        if (!File.Exists(peerOutputFile)) return null;
        byte[] bytes = File.ReadAllBytes(peerOutputFile);
        if (bytes.Length != knobs.Length * sizeof(float)) return null;
        ReadOnlySpan<float> peer = MemoryMarshal.Cast<byte, float>(bytes);
        double max = 0;
        for (int i = 0; i < knobs.Length; i++)
        {
            double d = Math.Abs((double)knobs[i] - peer[i]);
            if (double.IsNaN(d)) return double.NaN;
            max = Math.Max(max, d);
        }
        return max;
    }
}
