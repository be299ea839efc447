using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Knobs.Benchmarks.Kernels;

/// <summary>Command-line options of the <c>kernels</c> suite.</summary>
internal sealed record KernelOptions
{
    public int[] Threads { get; init; } = [1, 2];
    public int[] Batches { get; init; } = [1, 16];
    public int MinRuns { get; init; } = 20;
    public int Warmup { get; init; } = 3;
    public double BudgetSeconds { get; init; } = 0.4;
    public string Python { get; init; } = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    public bool Peer { get; init; } = true;
    public bool Verify { get; init; } = true;
    public string? Filter { get; init; }
    public string? MarkdownOut { get; init; }

    public const string Usage = """
        kernels [--threads 1,2] [--batches 1,16] [--runs 20] [--warmup 3] [--budget 0.4] [--only TEXT]
                [--python /usr/bin/python3] [--no-peer] [--no-verify] [--md FILE]
          Convolution layers and SGEMM, Knobs' Cpu backend vs PyTorch conv2d / numpy (OpenBLAS) measured in the same run.
          --runs: at least this many timed runs per side (median reported); --budget: seconds per measurement beyond that.
          --only: keep layers whose network or name contains TEXT. --md: also write the table as Markdown.
        """;

    public static KernelOptions Parse(string[] args)
    {
        var o = new KernelOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"kernels: {args[i]} needs a value.\n{Usage}");
            o = args[i] switch
            {
                "--threads" => o with { Threads = Ints(Next(), "--threads") },
                "--batches" => o with { Batches = Ints(Next(), "--batches") },
                "--runs" => o with { MinRuns = Ints(Next(), "--runs")[0] },
                "--warmup" => o with { Warmup = Ints(Next(), "--warmup")[0] },
                "--budget" => o with { BudgetSeconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--python" => o with { Python = Next() },
                "--only" => o with { Filter = Next() },
                "--md" => o with { MarkdownOut = Next() },
                "--no-peer" => o with { Peer = false },
                "--no-verify" => o with { Verify = false },
                "--help" or "-h" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"kernels: unknown option '{args[i]}'.\n{Usage}"),
            };
        }
        return o;
    }

    private static int[] Ints(string text, string option)
    {
        try
        {
            int[] values = text.Split(',').Select(t => int.Parse(t, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
            if (values.Any(v => v < 1)) throw new FormatException();
            return values;
        }
        catch (FormatException)
        {
            throw new ArgumentException($"kernels: {option} expects positive integers separated by commas, got '{text}'.");
        }
    }
}
