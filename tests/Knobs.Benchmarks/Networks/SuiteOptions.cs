using System;
using System.Globalization;
using System.Linq;

namespace Knobs.Benchmarks.Networks;

/// <summary>Command-line options of the <c>networks</c> suite.</summary>
internal sealed record SuiteOptions(int[] Batches, int[] Threads, double MinSeconds, double WarmupSeconds, string? OutFile, int Rounds = 5, bool Fuse = true)
{
    public const string Usage =
        "networks [--batches 1,16] [--threads 1,2] [--min-seconds 1.0] [--warmup-seconds 1.0] [--rounds 5] [--fuse on|off] [--out FILE.md]";

    public static SuiteOptions Parse(string[] args)
    {
        var o = new SuiteOptions([1, 16], [1, 2], 1.0, 1.0, null);
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value. Usage: {Usage}");
            o = args[i] switch
            {
                "--batches" => o with { Batches = Ints(value, args[i]) },
                "--threads" => o with { Threads = Ints(value, args[i]) },
                "--min-seconds" => o with { MinSeconds = Seconds(value, args[i]) },
                "--warmup-seconds" => o with { WarmupSeconds = Seconds(value, args[i]) },
                "--out" => o with { OutFile = value },
                "--fuse" => o with { Fuse = value switch { "on" => true, "off" => false, _ => throw new ArgumentException($"--fuse takes on or off; got '{value}'.") } },
                "--rounds" => o with { Rounds = Ints(value, args[i]) is [int r] ? r : throw new ArgumentException($"--rounds takes one positive integer; got '{value}'.") },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Usage: {Usage}"),
            };
            i++;
        }
        return o;
    }

    private static int[] Ints(string value, string option)
    {
        try
        {
            int[] v = value.Split(',').Select(s => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
            if (v.Any(x => x < 1)) throw new FormatException();
            return v;
        }
        catch (FormatException)
        {
            throw new ArgumentException($"{option} takes positive integers separated by commas, e.g. 1,16; got '{value}'.");
        }
    }

    private static double Seconds(string value, string option) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s >= 0
            ? s
            : throw new ArgumentException($"{option} takes a number of seconds ≥ 0; got '{value}'.");
}
