using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace Knobs.Benchmarks;

/// <summary>
/// Entry point: `dotnet run -c Release --project tests/Knobs.Benchmarks -- &lt;suite&gt; [options] [--results DIR | --no-results]`.
/// What a suite prints is also written, with the command, the machine, its load and the UTC time, to a dated file
/// <c>docs/results/&lt;yyyy-MM-dd-HHmm&gt;-&lt;suite&gt;.md</c> of the repository above the program or the current folder (or
/// under <c>--results DIR</c>): measured results live there,
/// never in the reference docs.
/// </summary>
public static class Program
{
    /// <summary>The suites by name; each component adds its line.</summary>
    private static readonly Dictionary<string, Func<string[], int>> Suites = new(StringComparer.Ordinal)
    {
        ["networks"] = Networks.NetworksSuite.Run,
        ["kernels"] = Kernels.KernelsSuite.Run,
        ["approx"] = Approx.ApproxSuite.Run,
        ["hooks"] = Hooks.HooksSuite.Run,
        ["simulator"] = Simulator.SimulatorSuite.Run,
        ["generator"] = Generator.GeneratorSuite.Run,
        ["scalesim"] = ScaleSim.ScaleSimSuite.Run,
        ["slurm"] = Slurm.SlurmSuite.Run,
        ["predict"] = Predictors.PredictionSuite.Run,
        ["schedule"] = Schedule.ScheduleSuite.Run,
    };

    public static int Main(string[] args)
    {
        if (args.Length == 0 || !Suites.TryGetValue(args[0], out var suite))
        {
            Console.Error.WriteLine($"usage: Knobs.Benchmarks <suite> [options] [--results DIR | --no-results]; suites: {string.Join(", ", Suites.Keys.Order(StringComparer.Ordinal))}");
            return 2;
        }
        (string[] rest, string? resultsDir) = ResultsOption(args[1..]);
        if (resultsDir is null) return suite(rest);

        DateTime started = DateTime.UtcNow;
        string loadBefore = MachineInfo.LoadAverage();
        var captured = new StringWriter(CultureInfo.InvariantCulture);
        TextWriter console = Console.Out;
        Console.SetOut(new TeeWriter(console, captured));
        int code;
        try
        {
            code = suite(rest);
        }
        finally
        {
            Console.Out.Flush();
            Console.SetOut(console);
        }
        string path = WriteResults(resultsDir, args[0], string.Join(" ", args), started, loadBefore, captured.ToString(), code);
        Console.WriteLine($"results written to {path}");
        return code;
    }

    // --results DIR or --no-results; default: docs/results of the repository the program runs in, when found.
    private static (string[] Arguments, string? Dir) ResultsOption(string[] args)
    {
        var rest = new List<string>();
        string? dir = FindResultsFolder();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--no-results") dir = null;
            else if (args[i] == "--results" && i + 1 < args.Length) dir = args[++i];
            else rest.Add(args[i]);
        }
        return (rest.ToArray(), dir);
    }

    // Above the program, else above the current folder: a build with --artifacts-path puts the program outside the
    // repository, and its results would otherwise go nowhere.
    private static string? FindResultsFolder()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "Knobs.sln"))) return Path.Combine(d.FullName, "docs", "results");
            }
        }
        return null;
    }

    private static string WriteResults(string dir, string suite, string command, DateTime started, string loadBefore, string output, int code)
    {
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, started.ToString("yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture) + "-" + suite + ".md");
        var text = new StringBuilder()
            .Append("# ").Append(suite).Append(" suite, ").Append(started.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append("\n\n")
            .Append("- command: `dotnet run -c Release --project tests/Knobs.Benchmarks -- ").Append(command).Append("`\n")
            .Append("- machine: ").Append(Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)).Append(" logical cores, ")
            .Append(System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()).Append(", .NET ").Append(Environment.Version).Append('\n')
            .Append("- load average before / after: ").Append(loadBefore).Append(" / ").Append(MachineInfo.LoadAverage()).Append('\n')
            .Append("- exit code: ").Append(code.ToString(CultureInfo.InvariantCulture)).Append("\n\n")
            .Append("What the suite printed:\n\n```\n").Append(output.Replace("\r\n", "\n").TrimEnd('\n')).Append("\n```\n");
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
        return path;
    }

    /// <summary>Writes to the console and to the captured results at once.</summary>
    private sealed class TeeWriter(TextWriter first, TextWriter second) : TextWriter
    {
        public override Encoding Encoding => first.Encoding;

        public override void Write(char value)
        {
            first.Write(value);
            second.Write(value);
        }

        public override void Write(string? value)
        {
            first.Write(value);
            second.Write(value);
        }

        public override void WriteLine(string? value)
        {
            first.WriteLine(value);
            second.WriteLine(value);
        }

        public override void Flush()
        {
            first.Flush();
            second.Flush();
        }
    }
}
