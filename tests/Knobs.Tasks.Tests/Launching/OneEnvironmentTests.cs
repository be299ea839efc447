using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Knobs.Profiles;
using Knobs.Tasks.Apps;
using Knobs.Tasks.Launching;
using Knobs.Tasks.Profiling;
using Knobs.Tasks.Tests.Profiling;

namespace Knobs.Tasks.Tests.Launching;

/// <summary>
/// On a cluster whose nodes differ, a benchmark's variants can be measured in different environments; profiling keeps
/// the environment most of them share and measures the others again away from the nodes that gave them.
/// </summary>
public sealed class OneEnvironmentTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "knobs-tasks-tests", Guid.NewGuid().ToString("N"));

    public OneEnvironmentTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (ProfilingOutcome Outcome, CollectingLog Log) Profile(IRunLauncher launcher, params string[] variants)
    {
        var log = new CollectingLog();
        var listing = VariantListing.Parse("{\"benchmarks\":[{\"name\":\"A\",\"variants\":[" + string.Join(",", variants.Select(v => "\"" + v + "\"")) + "]}]}");
        var profiler = new VariantProfiler(new AppCommand(Path.Combine(_folder, "bench.dll")), new ProfileStore(Path.Combine(_folder, "profiles")),
            new RunSettings("PerTensor", 5, null, null, null), TimeSpan.FromSeconds(42), log, launcher: launcher);
        return (profiler.Run(listing, new VariantFilter(null), new Dictionary<string, string> { ["A"] = "a1" }, force: false), log);
    }

    private static Dictionary<string, string> Hosts(ProfilingOutcome outcome) =>
        outcome.Profiles.ToDictionary(p => p.Variant, p => ProfileReader.Read(p.ProfilePath).Header.Environment.Host!);

    [Fact]
    public void VariantsFromAnOddNodeAreMeasuredAgainAwayFromIt()
    {
        // Three nodes; "big" has another CPU. Runs go round the nodes they may use.
        var cluster = new Cluster("n1", "n2", "big") { Odd = { "big" } };
        var (outcome, log) = Profile(cluster, "fp32_11", "perf_121", "perf_122", "samp_231", "samp_232", "samp_233");

        Assert.Equal(0, outcome.Failed);
        Assert.All(Hosts(outcome).Values, h => Assert.NotEqual("big", h));
        Assert.Contains(log.Lines, l => l.StartsWith("Knobs: A: its profiles come from 2 different environments", StringComparison.Ordinal)
            && l.Contains("measures 2 variant(s) again away from big", StringComparison.Ordinal));
        Assert.All(cluster.Plans.Skip(6), p => Assert.Equal(new[] { "big" }, p.AvoidNodes));
        Assert.Equal(8, cluster.Plans.Count);
    }

    [Fact]
    public void NodesThatAgreeNeedNoSecondRun()
    {
        var cluster = new Cluster("n1", "n2");
        var (outcome, log) = Profile(cluster, "fp32_11", "perf_121", "perf_122");

        Assert.Equal(3, cluster.Plans.Count);
        Assert.Equal(new[] { "n1", "n2" }, Hosts(outcome).Values.Distinct().OrderBy(h => h));
        Assert.DoesNotContain(log.Lines, l => l.Contains("different environments", StringComparison.Ordinal));
    }

    [Fact]
    public void AClusterWithNoNodeLeftStopsAfterItsRoundsAndTheTableReportsTheMix()
    {
        // Every second node differs from the one before, and avoiding one leaves another odd one.
        var cluster = new Cluster("a", "b", "c") { Odd = { "b", "c" }, OddModels = true };
        var (outcome, _) = Profile(cluster, "fp32_11", "perf_121", "perf_122");

        Assert.True(cluster.Plans.Count <= 3 + VariantProfiler.EnvironmentRounds * 3);
        Assert.Equal(3, outcome.Profiles.Count);
    }

    /// <summary>Places runs round-robin on the nodes a plan does not avoid; a node in <see cref="Odd"/> has another CPU.</summary>
    private sealed class Cluster : IRunLauncher
    {
        private readonly string[] _nodes;
        private int _next;

        public Cluster(params string[] nodes) => _nodes = nodes;

        public HashSet<string> Odd { get; } = new(StringComparer.Ordinal);
        public bool OddModels { get; init; }
        public List<RunPlan> Plans { get; } = new();
        public bool PlacesOnNodes => true;

        public string Describe(RunPlan plan) => "cluster " + plan.Label;

        public RunOutcome Launch(RunPlan plan, CancellationToken cancel)
        {
            Plans.Add(plan);
            string[] allowed = _nodes.Where(n => !plan.AvoidNodes.Contains(n)).ToArray();
            if (allowed.Length == 0) return new RunOutcome(RunStatus.Failed, 1, "no node left", 0, Array.Empty<string>());
            string node = allowed[_next++ % allowed.Length];
            string cpu = Odd.Contains(node) ? (OddModels ? "cpu-" + node : "other cpu") : "cpu";
            string benchmark = RecordingLauncher.Argument(plan, "--benchmark")!, variant = RecordingLauncher.Argument(plan, "--variant")!;
            RecordingLauncher.WriteProfile(plan);
            string file = Directory.GetFiles(plan.OutputFolder, "*.profile.jsonl").Single();
            Profile written = ProfileReader.Read(file);
            ProfileEnvironment e = written.Header.Environment;
            var environment = new ProfileEnvironment(cpu, e.Cores, e.Os, e.Dotnet, e.Jit, e.Gc, e.Threads, e.Backend, e.KnobsVersion, e.Meter, e.Governor, e.AppHash, node);
            ProfileHeader h = written.Header;
            var header = new ProfileHeader(h.Benchmark, h.Variant, h.Knob, h.Configuration, h.Settings, environment, h.StartedUtc);
            File.WriteAllText(file, ProfileWriter.ToText(new Profile(header, written.Ops, written.Qos, written.Summary)));
            return new RunOutcome(RunStatus.Succeeded, 0, benchmark + "/" + variant, 0.1, new[] { file }) { Node = node };
        }
    }
}
