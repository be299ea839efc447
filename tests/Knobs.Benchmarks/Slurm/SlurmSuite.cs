using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Knobs.Benchmarks.Slurm;

/// <summary>
/// <c>slurm [--sample lenet_mnist] [--variants perf_12*] [--iterations 3] [--conf SLURM_CONF]</c>: ProfileTable of one
/// sample three times, forced, with the same settings: on this machine, through Slurm (KnobsScheduler=slurm), and on this
/// machine again (the local pair tells the machine's own noise). Slurm is the one-node cluster of
/// scripts/slurm/one-node.sh, started and stopped here, unless <c>--conf</c> names a running one. Prints per pass the
/// profiling phase's wall time (from the "to profile" line to the "profiled" summary), the sum of the runs' own times
/// (app start to exit, as each progress line reports it), and the overhead per run: (wall − sum) / runs. Slurm's
/// scheduling overhead per task is its overhead less the local one. Goal: ≤ 3 s per task. Then compares the tables:
/// per knob, the summed op means of each pass against the first local pass.
/// </summary>
public static class SlurmSuite
{
    private sealed record Pass(string Name, double PhaseSeconds, List<double> RunSeconds, Dictionary<string, double> KnobTotals);

    public static int Run(string[] args)
    {
        string sample = SuiteArguments.Option(args, "--sample", "lenet_mnist");
        string variants = SuiteArguments.Option(args, "--variants", "perf_12*");
        string iterations = SuiteArguments.Option(args, "--iterations", "3");
        string? conf = SuiteArguments.Option(args, "--conf", "");
        string root = SuiteArguments.RepoRoot();
        string project = Path.Combine(root, "samples", sample);
        string work = Path.Combine(Path.GetTempPath(), "knobs-slurm-bench-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(work);
        string script = Path.Combine(root, "scripts", "slurm", "one-node.sh");
        bool own = string.IsNullOrEmpty(conf);
        if (own)
        {
            (int code, string output) = Shell("bash", script, "start", Path.Combine(work, "cluster"));
            if (code != 0)
            {
                Console.Error.WriteLine("the one-node Slurm did not start: " + output);
                return 1;
            }
            conf = Path.Combine(work, "cluster", "slurm.conf");
        }
        try
        {
            Console.WriteLine($"slurm: CPU {MachineInfo.CpuModel()}, {Environment.ProcessorCount} logical cores, load average {MachineInfo.LoadAverage()}, .NET {Environment.Version}");
            Console.WriteLine($"sample {sample}, KnobsVariants={variants}, KnobsIterations={iterations}; Slurm: {(own ? "one-node cluster on this machine (scripts/slurm/one-node.sh), exclusive node per task" : conf)}");
            (int built, string buildOutput) = Shell(Dotnet(), "build", project, "-c", "Release", "-v:q", "-nologo");
            if (built != 0)
            {
                Console.Error.WriteLine(buildOutput);
                return 1;
            }
            var passes = new List<Pass>
            {
                Profile("local", project, work, variants, iterations, conf!, slurm: false),
                Profile("slurm", project, work, variants, iterations, conf!, slurm: true),
                Profile("local again", project, work, variants, iterations, conf!, slurm: false),
            };
            Console.WriteLine();
            Console.WriteLine($"{"pass",-12} {"runs",5} {"phase s",9} {"runs' own s",12} {"overhead s/run",15}");
            foreach (Pass p in passes)
            {
                Console.WriteLine(FormattableString.Invariant(
                    $"{p.Name,-12} {p.RunSeconds.Count,5} {p.PhaseSeconds,9:F1} {p.RunSeconds.Sum(),12:F1} {Overhead(p),15:F2}"));
            }
            double local = (Overhead(passes[0]) + Overhead(passes[2])) / 2;
            double scheduling = Overhead(passes[1]) - local;
            Console.WriteLine();
            Console.WriteLine(FormattableString.Invariant($"Slurm's scheduling overhead per task: {scheduling:F2} s (Slurm pass {Overhead(passes[1]):F2} s/run less the local passes' mean {local:F2} s/run); goal ≤ 3 s"));
            Console.WriteLine();
            Console.WriteLine("table: per knob, summed op means (ms per run) against the first local pass");
            Console.WriteLine($"{"knob",-16} {"local ms",9} {"slurm ratio",12} {"local again ratio",18}");
            foreach (string knob in passes[0].KnobTotals.Keys.OrderBy(k => k, StringComparer.Ordinal))
            {
                double baseMs = passes[0].KnobTotals[knob];
                string Ratio(Pass p) => p.KnobTotals.TryGetValue(knob, out double v) ? (v / baseMs).ToString("F3", CultureInfo.InvariantCulture) : "missing";
                Console.WriteLine(FormattableString.Invariant($"{knob,-16} {baseMs,9:F3} {Ratio(passes[1]),12} {Ratio(passes[2]),18}"));
            }
            double[] slurmRatios = Ratios(passes[0], passes[1]), localRatios = Ratios(passes[0], passes[2]);
            Console.WriteLine();
            Console.WriteLine(FormattableString.Invariant(
                $"median |ratio − 1|: slurm {Median(slurmRatios.Select(r => Math.Abs(r - 1))):P1}, local again {Median(localRatios.Select(r => Math.Abs(r - 1))):P1}; same rows in all three tables: {SameRows(passes)}"));
            Console.WriteLine($"load average after: {MachineInfo.LoadAverage()}");
            return scheduling <= 3 && SameRows(passes) ? 0 : 1;
        }
        finally
        {
            if (own) Shell("bash", script, "stop", Path.Combine(work, "cluster"));
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // a daemon's file still open
            }
        }
    }

    private static double Overhead(Pass p) => (p.PhaseSeconds - p.RunSeconds.Sum()) / Math.Max(1, p.RunSeconds.Count);

    private static double[] Ratios(Pass a, Pass b) =>
        a.KnobTotals.Keys.Where(b.KnobTotals.ContainsKey).Select(k => b.KnobTotals[k] / a.KnobTotals[k]).ToArray();

    private static bool SameRows(List<Pass> passes) =>
        passes.All(p => p.KnobTotals.Keys.OrderBy(k => k, StringComparer.Ordinal).SequenceEqual(passes[0].KnobTotals.Keys.OrderBy(k => k, StringComparer.Ordinal)));

    private static double Median(IEnumerable<double> values)
    {
        double[] v = values.OrderBy(x => x).ToArray();
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    private static Pass Profile(string name, string project, string work, string variants, string iterations, string conf, bool slurm)
    {
        string folder = Path.Combine(work, name.Replace(' ', '-'));
        var args = new List<string>
        {
            "msbuild", project, "-t:ProfileTable", "-p:Configuration=Release", "-p:KnobsForce=true", "-p:KnobsIterations=" + iterations,
            "-p:KnobsVariants=" + variants, "-p:KnobsProfileDir=" + Path.Combine(folder, "profiles") + "/", "-p:KnobsTableDir=" + Path.Combine(folder, "tables") + "/",
            "-nologo",
        };
        if (slurm) args.Add("-p:KnobsScheduler=slurm");
        var start = new ProcessStartInfo(Dotnet()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) start.ArgumentList.Add(a);
        start.Environment["SLURM_CONF"] = conf;
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        var clock = Stopwatch.StartNew();
        double? first = null, last = null;
        var runs = new List<double>();
        var lines = new List<string>();
        var profiled = new Regex(@"Knobs: \S+ profiled in (?<s>[0-9.]+) s", RegexOptions.CultureInvariant);
        using (var process = Process.Start(start)!)
        {
            void OnLine(string? line)
            {
                if (line is null) return;
                lock (lines)
                {
                    lines.Add(line);
                    if (line.Contains("variant(s) to profile", StringComparison.Ordinal)) first = clock.Elapsed.TotalSeconds;
                    if (line.Contains("Knobs: profiled ", StringComparison.Ordinal)) last = clock.Elapsed.TotalSeconds;
                    Match m = profiled.Match(line);
                    if (m.Success) runs.Add(double.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture));
                }
            }
            process.OutputDataReceived += (_, e) => OnLine(e.Data);
            process.ErrorDataReceived += (_, e) => OnLine(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.WaitForExit();
            if (process.ExitCode != 0 || first is null || last is null)
            {
                throw new InvalidOperationException($"ProfileTable ({name}) failed:\n" + string.Join("\n", lines.TakeLast(30)));
            }
        }
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string csv in Directory.GetFiles(Path.Combine(folder, "tables"), "*.table.csv"))
        {
            foreach (string row in File.ReadAllLines(csv).Skip(1))
            {
                string[] c = row.Split(',');
                string knob = c[1] + "/" + c[4];
                totals[knob] = totals.GetValueOrDefault(knob) + double.Parse(c[7], CultureInfo.InvariantCulture);
            }
        }
        Console.WriteLine(FormattableString.Invariant($"{name}: {runs.Count} runs, profiling phase {last!.Value - first!.Value:F1} s"));
        return new Pass(name, last.Value - first.Value, runs, totals);
    }

    private static string Dotnet() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static (int, string) Shell(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd() + stderr.Result;
        p.WaitForExit();
        return (p.ExitCode, output);
    }
}
