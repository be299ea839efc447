using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Tasks.Apps;
using Knobs.Tasks.Launching;
using Knobs.Tasks.Profiling;
using Knobs.Tasks.Tests.Profiling;

namespace Knobs.Tasks.Tests.Launching;

/// <summary>
/// For a modelled accelerator nothing is timed, so all of a benchmark's variants run in one process: one plan names them
/// all, each profile it wrote is stored on its own, a variant it wrote none for is a failure, and the description's path
/// and content key the stored profiles.
/// </summary>
public sealed class AcceleratorProfilingTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "knobs-tasks-tests", Guid.NewGuid().ToString("N"));

    public AcceleratorProfilingTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private RunSettings Settings(string hash) => new RunSettings("PerTensor", 5, 0.02, null, null)
    {
        Accelerator = Path.Combine(_folder, "accel.yaml"), AcceleratorHash = hash,
    };

    // The fake runner writes a profile for every variant of --variant (comma-separated), except those in skip.
    private static RunOutcome WriteAll(RunPlan plan, params string[] skip)
    {
        string benchmark = RecordingLauncher.Argument(plan, "--benchmark")!;
        foreach (string variant in RecordingLauncher.Argument(plan, "--variant")!.Split(','))
        {
            if (skip.Contains(variant)) continue;
            var one = new RunPlan(plan.Label, plan.App, new[] { "--benchmark", benchmark, "--variant", variant }, plan.OutputFolder, plan.Timeout);
            string file = RecordingLauncher.WriteProfile(one).Profiles.Single();
            Knobs.Profiles.Profile p = Knobs.Profiles.ProfileReader.Read(file);
            Knobs.Profiles.ProfileHeader h = p.Header;
            var header = new Knobs.Profiles.ProfileHeader(h.Benchmark, h.Variant, h.Knob, h.Configuration, h.Settings, h.Environment, h.StartedUtc,
                new Knobs.Profiles.ProfileDevice("accel:tiny", "tiny"));
            File.WriteAllText(file, Knobs.Profiles.ProfileWriter.ToText(new Knobs.Profiles.Profile(header, p.Ops, p.Qos, p.Summary)));
        }
        return new RunOutcome(skip.Length == 0 ? RunStatus.Succeeded : RunStatus.Failed, skip.Length == 0 ? 0 : 1, "", 0.5, Array.Empty<string>());
    }

    private ProfilingOutcome Profile(RecordingLauncher launcher, CollectingLog log, RunSettings settings, params string[] variants)
    {
        var listing = VariantListing.Parse("{\"benchmarks\":[{\"name\":\"A\",\"variants\":[" + string.Join(",", variants.Select(v => "\"" + v + "\"")) + "]}]}");
        var profiler = new VariantProfiler(new AppCommand(Path.Combine(_folder, "bench.dll")), new ProfileStore(Path.Combine(_folder, "profiles")), settings,
            TimeSpan.FromSeconds(10), log, launcher: launcher);
        return profiler.Run(listing, new VariantFilter(null), new Dictionary<string, string> { ["A"] = "a1" }, force: false);
    }

    [Fact]
    public void One_run_models_every_variant_of_a_benchmark_and_each_profile_is_stored_on_its_own()
    {
        var launcher = new RecordingLauncher { Answer = plan => WriteAll(plan) };
        ProfilingOutcome outcome = Profile(launcher, new CollectingLog(), Settings("sha256:1"), "fp32_11", "perf_121", "samp_231");

        RunPlan plan = Assert.Single(launcher.Plans);
        Assert.Equal("A (3 variants)", plan.Label);
        Assert.Equal(new[] { "run", "--benchmark", "A", "--variant", "fp32_11,perf_121,samp_231", "--out", plan.OutputFolder,
            "--accelerator", Path.Combine(_folder, "accel.yaml"), "--quiet" }, plan.Arguments);
        Assert.Equal(TimeSpan.FromSeconds(30), plan.Timeout);
        Assert.Equal(3, outcome.Ran);
        Assert.Equal(0, outcome.Failed);
        Assert.All(outcome.Profiles, p => Assert.True(File.Exists(p.ProfilePath)));
        Assert.False(Directory.Exists(plan.OutputFolder));
    }

    [Fact]
    public void A_variant_the_run_wrote_no_profile_for_fails_and_the_others_are_kept()
    {
        var launcher = new RecordingLauncher { Answer = plan => WriteAll(plan, "perf_121") };
        var log = new CollectingLog();
        ProfilingOutcome outcome = Profile(launcher, log, Settings("sha256:1"), "fp32_11", "perf_121", "samp_231");

        Assert.Equal(1, outcome.Failed);
        Assert.Equal(new[] { "fp32_11", "samp_231" }, outcome.Profiles.Select(p => p.Variant));
        Assert.Contains(log.Warnings, w => w.Code == "KNB0421" && w.Message.Contains("accelerator"));
    }

    [Fact]
    public void An_edited_description_makes_every_profile_again_and_an_unchanged_one_reuses_them()
    {
        var launcher = new RecordingLauncher { Answer = plan => WriteAll(plan) };
        Profile(launcher, new CollectingLog(), Settings("sha256:1"), "fp32_11", "perf_121");
        launcher.Plans.Clear();

        Assert.Equal(2, Profile(launcher, new CollectingLog(), Settings("sha256:1"), "fp32_11", "perf_121").Reused);
        Assert.Empty(launcher.Plans);

        Assert.Equal(2, Profile(launcher, new CollectingLog(), Settings("sha256:2"), "fp32_11", "perf_121").Ran);
        Assert.Single(launcher.Plans);
    }

    [Fact]
    public void A_profile_measured_on_the_cpu_never_stands_for_an_accelerators()
    {
        var launcher = new RecordingLauncher();
        var cpu = RecordingLauncher.WriteProfile(new RunPlan("A/fp32_11", "app", new[] { "--benchmark", "A", "--variant", "fp32_11" }, _folder, TimeSpan.FromSeconds(1)));
        Knobs.Profiles.Profile profile = Knobs.Profiles.ProfileReader.Read(cpu.Profiles.Single());

        Assert.Contains("measured on cpu", ProfileStore.Mismatch(profile, "A", "fp32_11", Settings("sha256:1")));
    }
}
