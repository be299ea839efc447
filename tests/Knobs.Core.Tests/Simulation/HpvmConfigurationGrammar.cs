using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Knobs.Core.Tests.Simulation;

/// <summary>
/// A configuration reader that accepts only what HPVM's own readers accept: the first line and every header field after
/// the name go through a float parse (Python's <c>float()</c>, C++'s <c>std::stof</c>), so <c>NA</c> is an error, as it is
/// there. Node lines are <c>&lt;id&gt; &lt;device&gt; (&lt;op&gt; &lt;approx&gt; &lt;knob&gt;)+</c> with integer id and knob.
/// It is deliberately independent of Knobs' reader, so a test cannot pass because both share a leniency.
/// </summary>
internal static class HpvmConfigurationGrammar
{
    internal sealed record Header(string Name, double Speedup, double Energy, double Accuracy, double AccuracyLoss, string[] NodeLines);

    /// <summary>The baseline number of the first line and every configuration; <see cref="FormatException"/> naming the line otherwise.</summary>
    public static (double Baseline, List<Header> Configurations) Parse(string text)
    {
        string[] lines = text.Split('\n');
        if (lines[^1].Length == 0) lines = lines[..^1];
        double baseline = Float(lines[0], 1);
        var configurations = new List<Header>();
        int i = 1;
        while (i < lines.Length)
        {
            Expect(lines[i] == "+++++", i, "expected '+++++'");
            Expect(i + 1 < lines.Length, i + 1, "the file ends after '+++++'");
            string[] head = Tokens(lines[i + 1]);
            Expect(head.Length >= 5, i + 2, "a header has a name and four numbers");
            double[] numbers = head.Skip(1).Select(f => Float(f, i + 2)).ToArray();
            int n = i + 2;
            var nodes = new List<string>();
            while (n < lines.Length && lines[n] != "-----")
            {
                NodeLine(lines[n], nodes.Count + 1, n + 1);
                nodes.Add(lines[n]);
                n++;
            }
            Expect(n < lines.Length, n, "the block has no '-----'");
            Expect(nodes.Count > 0, n, "a configuration has node lines");
            configurations.Add(new Header(head[0], numbers[0], numbers[1], numbers[2], numbers[3], nodes.ToArray()));
            i = n + 1;
        }
        Expect(configurations.Count > 0, lines.Length, "no configurations");
        return (baseline, configurations);
    }

    private static void NodeLine(string line, int expectedId, int lineNumber)
    {
        string[] t = Tokens(line);
        Expect(t.Length >= 5 && (t.Length - 2) % 3 == 0, lineNumber, "a node line is '<id> <device> (<op> <approx> <knob>)+'");
        Expect(int.Parse(t[0], NumberStyles.None, CultureInfo.InvariantCulture) == expectedId, lineNumber, "node ids are 1, 2, 3, …");
        Expect(t[1] is "gpu" or "cpu", lineNumber, "the device is gpu or cpu");
        for (int k = 4; k < t.Length; k += 3) int.Parse(t[k], NumberStyles.None, CultureInfo.InvariantCulture);
    }

    // HPVM splits on whitespace, so the trailing space of some of its own files is no field.
    private static string[] Tokens(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static double Float(string field, int line)
    {
        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) return v;
        throw new FormatException($"line {line}: '{field}' is not a number (HPVM parses it with float())");
    }

    private static void Expect(bool condition, int line, string message)
    {
        if (!condition) throw new FormatException($"line {line}: {message}");
    }
}
