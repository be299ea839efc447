using System;
using System.Runtime.CompilerServices;
using Knobs.KnobTables;

namespace Knobs.Configurations;

/// <summary>
/// Shares one string instance for the tokens configuration files repeat millions of times (op and approx names,
/// devices, small integers), so reading a large file allocates little more than its configurations.
/// </summary>
internal static class Vocabulary
{
    /// <summary>HPVM's op names (the same set as <see cref="ApproxNames.Ops"/>); a token's index here is its op code.</summary>
    public static readonly string[] Ops =
    {
        "conv", "group_conv", "mul", "add", "tanh", "relu", "clipped_relu", "pool_max", "pool_mean", "pool_min", "batchnorm", "softmax",
    };

    /// <summary>HPVM's approx names (the same set as <see cref="ApproxNames.Approx"/>); a token's index here is its approx code.</summary>
    public static readonly string[] Approx = { KnobIdentity.Fp32Word, KnobIdentity.Fp16Word, "perf", "perf_fp16", "samp", "samp_fp16", "red_samp" };

    private static readonly string[] Others = { "gpu", "cpu", "1", "11", "12", "NA" };

    /// <summary>The index of <paramref name="token"/> in <paramref name="words"/>, or -1.</summary>
    [MethodImpl(HotPath.Optimized)]
    public static int Find(ReadOnlySpan<char> token, string[] words)
    {
        for (int i = 0; i < words.Length; i++)
        {
            string word = words[i];
            if (word.Length == token.Length && token.SequenceEqual(word.AsSpan())) return i;
        }
        return -1;
    }

    /// <summary>The token as a string, shared when it is a known word.</summary>
    [MethodImpl(HotPath.Optimized)]
    public static string Text(ReadOnlySpan<char> token)
    {
        int i = Find(token, Ops);
        if (i >= 0) return Ops[i];
        i = Find(token, Approx);
        if (i >= 0) return Approx[i];
        i = Find(token, Others);
        return i >= 0 ? Others[i] : token.ToString();
    }
}
