using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using Knobs.EndToEnd.Tests.Infrastructure;

namespace Knobs.EndToEnd.Tests;

/// <summary>
/// ProfileTable with KnobsScheduler=slurm on a real one-node Slurm, on a project that references the packed package:
/// the same table rows as a local run; a task cancelled with scancel while it runs is submitted again and the table
/// completes; a build interrupted with Ctrl+C cancels its jobs and the next build measures only what is missing; Slurm
/// down or absent is a KNB0426 error naming what to start or install. The journey runs once; each test asserts one step.
/// </summary>
[Collection(EndToEndCollection.Name)]
public class SlurmJourneyTests : IClassFixture<OneNodeSlurm>
{
    private static readonly object Gate = new();
    private static Journey? s_journey;
    private static readonly string[] Variants = new[] { "Alpha", "Beta" }.SelectMany(b => new[] { "fp32_11", "perf_121", "samp_231" }.Select(v => b + "/" + v)).ToArray();

    private readonly LocalFeed _feed;
    private readonly OneNodeSlurm _slurm;

    public SlurmJourneyTests(LocalFeed feed, OneNodeSlurm slurm)
    {
        _feed = feed;
        _slurm = slurm;
    }

    private sealed class Journey
    {
        public string Folder = "";
        public CommandResult Local = null!, Slurm = null!, Retried = null!, Interrupted = null!, Resumed = null!, Down = null!, Absent = null!, BadProperty = null!, Validated = null!;
        public string? ValidationCsv;
        public Dictionary<string, string> LocalCsv = new(), SlurmCsv = new(), RetriedCsv = new();
        public string? CancelledTask;
        public IReadOnlyList<string> QueueAfterInterrupt = Array.Empty<string>();
    }

    private Journey Run()
    {
        lock (Gate)
        {
            _slurm.ShouldRun();
            return s_journey ??= Walk(_feed, _slurm);
        }
    }

    private static Journey Walk(LocalFeed feed, OneNodeSlurm slurm)
    {
        var j = new Journey { Folder = feed.NewFolder("slurm") };
        ProjectFiles.Write(j.Folder, "slurm.csproj", ProjectFiles.Project("Microsoft.NET.Sdk", feed.Version, "<KnobTable Include=\"knobs.yaml\" />"));
        ProjectFiles.Write(j.Folder, "knobs.yaml", ProjectFiles.KnobTable);
        ProjectFiles.Write(j.Folder, "Alpha.cs", ProjectFiles.Template("Alpha"));
        ProjectFiles.Write(j.Folder, "Beta.cs", ProjectFiles.Template("Beta"));
        ProjectFiles.Write(j.Folder, "confs.txt", ProjectFiles.Configurations);
        var env = new Dictionary<string, string>(feed.Environment);
        foreach (var pair in slurm.Environment) env[pair.Key] = pair.Value;
        CommandResult Msbuild(params string[] args) => Dotnet.Run(j.Folder, env, TimeSpan.FromMinutes(10), new[] { "msbuild", "-t:ProfileTable" }.Concat(args).ToArray());
        string[] onSlurm = { "-p:KnobsScheduler=slurm", "-p:KnobsProfileDir=obj/slurm-profiles/", "-p:KnobsTableDir=out/slurm/" };

        feed.Run(j.Folder, "build").ShouldSucceed();
        j.Local = Msbuild("-p:KnobsProfileDir=obj/local-profiles/", "-p:KnobsTableDir=out/local/").ShouldSucceed();
        j.LocalCsv = Tables(Path.Combine(j.Folder, "out", "local"));
        j.Slurm = Msbuild(onSlurm).ShouldSucceed();
        j.SlurmCsv = Tables(Path.Combine(j.Folder, "out", "slurm"));
        j.Validated = Dotnet.Run(j.Folder, env, TimeSpan.FromMinutes(10), new[] { "msbuild", "-t:Simulate", "-p:KnobsConfigurations=confs.txt",
            "-p:KnobsBenchmark=Alpha", "-p:KnobsValidate=true", "-p:KnobsSlurmSharedDir=validation-shared" }.Concat(onSlurm).ToArray()).ShouldSucceed();
        string csv = Path.Combine(j.Folder, "out", "slurm", "confs.validation.csv");
        j.ValidationCsv = File.Exists(csv) ? File.ReadAllText(csv) : null;

        // Cancel the first task that starts, while its app runs; the build must submit it again and finish the table.
        string runs = Path.Combine(j.Folder, "obj", "slurm-profiles", "slurm", "runs");
        j.Retried = Background(j.Folder, env, onSlurm.Append("-p:KnobsForce=true").ToArray(), (_, _) =>
        {
            if (j.CancelledTask is not null || !Directory.Exists(runs)) return;
            foreach (string started in Directory.GetFiles(runs, "started", SearchOption.AllDirectories))
            {
                string id = File.ReadAllText(started).Split(' ')[0];
                slurm.Command("scancel", id);
                j.CancelledTask = id;
                return;
            }
        }, pollFiles: true).ShouldSucceed();
        j.RetriedCsv = Tables(Path.Combine(j.Folder, "out", "slurm"));

        // Ctrl+C once two variants are profiled (into a fresh profile folder); then the next build measures only the rest.
        string[] fresh = { "-p:KnobsScheduler=slurm", "-p:KnobsProfileDir=obj/resumed-profiles/", "-p:KnobsTableDir=out/resumed/" };
        j.Interrupted = Background(j.Folder, env, fresh, (process, log) =>
        {
            if (Regex.Matches(log, " profiled in ").Count >= 2) Signal(process, "INT");
        });
        j.QueueAfterInterrupt = slurm.KnobsTasks();
        j.Resumed = Msbuild(fresh).ShouldSucceed();

        // A controller nobody runs (a configuration naming a port where nothing listens), then no Slurm at all.
        string deadConf = Path.Combine(j.Folder, "dead-slurm.conf");
        File.WriteAllText(deadConf, Regex.Replace(File.ReadAllText(slurm.Conf), @"SlurmctldPort=\d+", "SlurmctldPort=9"));
        j.Down = Dotnet.Run(j.Folder, new Dictionary<string, string>(env) { ["SLURM_CONF"] = deadConf }, TimeSpan.FromMinutes(5),
            new[] { "msbuild", "-t:ProfileTable", "-p:KnobsForce=true" }.Concat(onSlurm).ToArray());
        j.Absent = Dotnet.Run(j.Folder, new Dictionary<string, string>(env) { ["PATH"] = "/nonexistent" }, TimeSpan.FromMinutes(5),
            new[] { "msbuild", "-t:ProfileTable", "-p:KnobsForce=true" }.Concat(onSlurm).ToArray());
        j.BadProperty = Msbuild(onSlurm.Append("-p:KnobsSlurmArguments=--array=0-3").ToArray());
        return j;
    }

    // The table CSVs of a folder, by file name.
    private static Dictionary<string, string> Tables(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*.table.csv").ToDictionary(f => Path.GetFileName(f), File.ReadAllText) : new();

    // device,benchmark,node,op,knob of every row: what the table holds, whatever the times.
    private static List<string> Rows(string csv) =>
        csv.TrimEnd('\n').Split('\n').Skip(1).Select(r => string.Join(",", r.Split(',').Take(5))).ToList();

    private static IEnumerable<double> Times(string csv) =>
        csv.TrimEnd('\n').Split('\n').Skip(1).Select(r => double.Parse(r.Split(',')[7], System.Globalization.CultureInfo.InvariantCulture));

    // Runs dotnet msbuild -t:ProfileTable ARGS, calling watch with the process and the output so far on every line (and,
    // with pollFiles, every 50 ms).
    private static CommandResult Background(string folder, IReadOnlyDictionary<string, string> env, string[] args, Action<Process, string> watch, bool pollFiles = false)
    {
        var start = new ProcessStartInfo(Dotnet.Host) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("msbuild");
        start.ArgumentList.Add("-t:ProfileTable");
        foreach (string a in args) start.ArgumentList.Add(a);
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList()) start.Environment.Remove(key);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var pair in env) start.Environment[pair.Key] = pair.Value;
        using var process = Process.Start(start)!;
        var log = new StringBuilder();
        void OnLine(string? line)
        {
            if (line is null) return;
            string text;
            lock (log)
            {
                log.Append(line).Append('\n');
                text = log.ToString();
            }
            lock (watch) watch(process, text);
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (!process.WaitForExit(50))
        {
            if (pollFiles)
            {
                string text;
                lock (log) text = log.ToString();
                lock (watch) watch(process, text);
            }
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                process.Kill(entireProcessTree: true);
                break;
            }
        }
        process.WaitForExit();
        lock (log) return new CommandResult("dotnet msbuild -t:ProfileTable " + string.Join(" ", args), process.ExitCode, log.ToString());
    }

    private static int s_signalled;

    private static void Signal(Process process, string signal)
    {
        if (Interlocked.Exchange(ref s_signalled, 1) == 1) return;
        using var kill = Process.Start(new ProcessStartInfo("kill", new[] { "-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    [Fact]
    public void ASlurmRunHasTheRowsOfALocalRunWithMeasuredTimes()
    {
        Journey j = Run();
        Assert.Contains(j.Slurm.KnobsLines, l => l.Contains("submitted 6 run(s) to Slurm as the job array", StringComparison.Ordinal));
        Assert.Equal(Variants.OrderBy(v => v, StringComparer.Ordinal), j.Slurm.Profiled);
        Assert.Equal(j.LocalCsv.Keys.OrderBy(k => k), j.SlurmCsv.Keys.OrderBy(k => k));
        foreach (string table in j.LocalCsv.Keys)
        {
            Assert.Equal(Rows(j.LocalCsv[table]), Rows(j.SlurmCsv[table]));
            // Every row holds a measured time; how close the times are is the slurm benchmark's business, not a test's.
            Assert.True(Times(j.SlurmCsv[table]).All(t => t > 0 && double.IsFinite(t)), table);
        }
    }

    [Fact]
    public void ValidationRunsItsConfigurationsAsSlurmTasks()
    {
        Journey j = Run();
        Assert.Contains(j.Validated.KnobsLines, l => l.Contains("submitted 2 run(s) to Slurm as the job array", StringComparison.Ordinal));
        Assert.Contains(j.Validated.KnobsLines, l => l.StartsWith("Knobs: measured conf1 in ", StringComparison.Ordinal) && l.Contains(" on node ", StringComparison.Ordinal));
        Assert.Contains(j.Validated.KnobsLines, l => l.StartsWith("Knobs: measured conf2 in ", StringComparison.Ordinal) && l.Contains(" on node ", StringComparison.Ordinal));
        Assert.NotNull(j.ValidationCsv);
        string[] rows = j.ValidationCsv!.TrimEnd('\n').Split('\n');
        // A relative KnobsSlurmSharedDir is relative to the project folder.
        Assert.True(Directory.Exists(Path.Combine(j.Folder, "validation-shared", "app")));
        Assert.Equal(new[] { "conf1", "conf2" }, rows.Skip(1).Select(r => r.Split(',')[0]));
    }

    [Fact]
    public void EveryVariantRunsOnANamedNodeAndTheAppIsStagedInTheSharedFolder()
    {
        Journey j = Run();
        Assert.All(j.Slurm.KnobsLines.Where(l => l.Contains(" profiled in ", StringComparison.Ordinal)), l => Assert.Contains(" on node ", l));
        Assert.Contains(j.Slurm.KnobsLines, l => l.Contains("copied the app", StringComparison.Ordinal) && l.Contains("for the Slurm tasks", StringComparison.Ordinal));
        Assert.True(Directory.GetDirectories(Path.Combine(j.Folder, "obj", "slurm-profiles", "slurm", "app")).Length >= 1);
    }

    [Fact]
    public void ATaskCancelledWithScancelWhileItRunsIsSubmittedAgainAndTheTableCompletes()
    {
        Journey j = Run();
        Assert.NotNull(j.CancelledTask);
        Assert.Contains(j.Retried.KnobsLines, l => l.Contains("Slurm task " + j.CancelledTask + " ended without a result", StringComparison.Ordinal)
            && l.Contains("CANCELLED", StringComparison.Ordinal) && l.Contains("submitting it again (attempt 2 of 3)", StringComparison.Ordinal));
        Assert.Equal(Variants.OrderBy(v => v, StringComparer.Ordinal), j.Retried.Profiled);
        Assert.Contains(j.Retried.KnobsLines, l => l.Contains("(attempt 2)", StringComparison.Ordinal));
        foreach (string table in j.LocalCsv.Keys) Assert.Equal(Rows(j.LocalCsv[table]), Rows(j.RetriedCsv[table]));
    }

    [Fact]
    public void CtrlCCancelsTheJobsAndTheNextBuildMeasuresOnlyWhatIsMissing()
    {
        Journey j = Run();
        Assert.NotEqual(0, j.Interrupted.ExitCode);
        Assert.Contains(j.Interrupted.KnobsLines, l => l.StartsWith("Knobs: cancelled the Slurm job(s)", StringComparison.Ordinal));
        Assert.Empty(j.QueueAfterInterrupt);
        int done = j.Interrupted.Profiled.Count;
        Assert.InRange(done, 2, Variants.Length - 1);
        Assert.Contains(j.Resumed.KnobsLines, l => l == $"Knobs: {Variants.Length - done} variant(s) to profile, {done} up to date");
        Assert.Equal(Variants.Except(j.Interrupted.Profiled).OrderBy(v => v, StringComparer.Ordinal), j.Resumed.Profiled);
    }

    [Fact]
    public void SlurmDownOrAbsentIsAClearErrorBeforeAnythingRuns()
    {
        Journey j = Run();
        Assert.NotEqual(0, j.Down.ExitCode);
        Assert.Contains("error KNB0426", j.Down.Output);
        Assert.Contains("start slurmctld", j.Down.Output);
        Assert.DoesNotContain("variant(s) to profile", j.Down.Output);
        Assert.NotEqual(0, j.Absent.ExitCode);
        Assert.Contains("error KNB0426", j.Absent.Output);
        Assert.Contains("sbatch was not found on PATH", j.Absent.Output);
        Assert.Contains("apt-get install slurm-client", j.Absent.Output);
    }

    [Fact]
    public void AnSbatchOptionKnobsSetsItselfIsRefusedBeforeAnythingRuns()
    {
        Journey j = Run();
        Assert.NotEqual(0, j.BadProperty.ExitCode);
        Assert.Contains("error KNB0414", j.BadProperty.Output);
        Assert.Contains("Knobs sets --array itself", j.BadProperty.Output);
    }
}
