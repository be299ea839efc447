using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Knobs.Profiles;
using Knobs.Tasks.Launching;

namespace Knobs.Tasks.Tests.Launching;

/// <summary>
/// A launcher that records every plan it is given and answers with <see cref="Answer"/> (by default: a run that wrote
/// a profile of the plan's benchmark and variant into the plan's output folder); or, given an inner launcher, runs it.
/// </summary>
internal sealed class RecordingLauncher : IRunLauncher
{
    private readonly IRunLauncher? _inner;

    public RecordingLauncher(IRunLauncher? inner = null) => _inner = inner;

    public List<RunPlan> Plans { get; } = new();

    public Func<RunPlan, RunOutcome> Answer { get; set; } = WriteProfile;

    public RunOutcome Launch(RunPlan plan, CancellationToken cancel)
    {
        Plans.Add(plan);
        return _inner is not null ? _inner.Launch(plan, cancel) : Answer(plan);
    }

    public string Describe(RunPlan plan) => "fake " + string.Join(" ", plan.Arguments);

    /// <summary>Writes a profile of the plan's <c>--benchmark</c>/<c>--variant</c> into its output folder, as the runner does.</summary>
    public static RunOutcome WriteProfile(RunPlan plan)
    {
        string benchmark = Argument(plan, "--benchmark") ?? "A";
        string variant = Argument(plan, "--variant") ?? "fp32_11";
        Directory.CreateDirectory(plan.OutputFolder);
        string file = Path.Combine(plan.OutputFolder, benchmark + "." + variant + ".profile.jsonl");
        File.WriteAllText(file, ProfileWriter.ToText(Profile(benchmark, variant)));
        return new RunOutcome(RunStatus.Succeeded, 0, "", 0.1, new[] { file });
    }

    public static string? Argument(RunPlan plan, string name)
    {
        int i = -1;
        for (int k = 0; k < plan.Arguments.Count; k++)
        {
            if (plan.Arguments[k] == name) i = k;
        }
        return i >= 0 && i + 1 < plan.Arguments.Count ? plan.Arguments[i + 1] : null;
    }

    private static Profile Profile(string benchmark, string variant)
    {
        var knob = Knobs.KnobTables.KnobIdentity.TryParseVariantName(variant, out var identity) ? identity : Knobs.KnobTables.KnobIdentity.Fp32;
        double time = knob.Id == 11 ? 1.5 : 1.0;
        var stats = new ProfileStatistics(10, time, time, 0.1, time - 0.2, time + 0.2, time - 0.1, time + 0.1, 0, false);
        var header = new ProfileHeader(benchmark, variant, new ProfileKnob(knob.Approx, knob.Id), null,
            new ProfileSettings("PerTensor", 5, null, null, 10, 1, 1, "Cpu"),
            new ProfileEnvironment("cpu", 2, "linux", "10.0.0", "tiered", "workstation", 1, "Cpu", "0.1.0", "none", null, "sha256:00"),
            "2026-11-21T10:00:00Z");
        var op = new OpRecord(1, "node1", 0, "conv", knob.Id == 11 ? "Convolution" : "ConvApprox", knob.Approx, knob.Id, stats, null, ConversionCost.None, ConversionCost.None);
        return new Profile(header, new[] { op }, null, new SummaryRecord(stats, null, 10, false, null));
    }
}
