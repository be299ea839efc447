using System;
using System.Collections.Generic;
using System.Globalization;
using Knobs.Tasks.Profiling;

namespace Knobs.Tasks.Launching;

/// <summary>The runs the tasks make: a variant to profile (also the validation baseline) and a configuration to validate.</summary>
internal static class RunPlans
{
    /// <summary>
    /// <c>app run --benchmark B --variant V [--paired BASELINE] --out FOLDER [settings] --quiet</c>, labelled <c>B/V</c>; with
    /// <paramref name="pairedBaseline"/> the variant is measured interleaved with that variant and its profile holds the
    /// baseline's time measured beside it.
    /// </summary>
    public static RunPlan Variant(string app, string benchmark, string variant, string outputFolder, RunSettings settings, TimeSpan timeout,
        string? pairedBaseline = null)
    {
        var what = new List<string> { "--benchmark", benchmark, "--variant", variant };
        if (pairedBaseline is not null) what.AddRange(new[] { "--paired", pairedBaseline });
        what.AddRange(new[] { "--out", outputFolder });
        return new(benchmark + "/" + variant, app, Run(what, settings), outputFolder, timeout);
    }

    /// <summary><c>app run --benchmark B --variant V1,V2,… --out FOLDER [settings] --quiet</c>, labelled <c>B (n variants)</c>.</summary>
    public static RunPlan Variants(string app, string benchmark, IReadOnlyList<string> variants, string outputFolder, RunSettings settings, TimeSpan timeout) =>
        new(benchmark + " (" + variants.Count.ToString(CultureInfo.InvariantCulture) + " variants)", app,
            Run(new[] { "--benchmark", benchmark, "--variant", string.Join(",", variants), "--out", outputFolder }, settings), outputFolder, timeout);

    /// <summary>
    /// <c>app run --benchmark B --config FILE --index N [--paired BASELINE] --out FOLDER [settings] --quiet</c>, labelled
    /// <c>NAME (configuration N)</c>; with <paramref name="pairedBaseline"/> the run measures the configuration interleaved
    /// with that variant and its profile holds the paired speedup.
    /// </summary>
    public static RunPlan Configuration(string app, string benchmark, string configurationFile, int index, string name,
        string outputFolder, RunSettings settings, TimeSpan timeout, string? pairedBaseline = null)
    {
        string number = index.ToString(CultureInfo.InvariantCulture);
        var what = new List<string> { "--benchmark", benchmark, "--config", configurationFile, "--index", number };
        if (pairedBaseline is not null) what.AddRange(new[] { "--paired", pairedBaseline });
        what.AddRange(new[] { "--out", outputFolder });
        return new(name + " (configuration " + number + ")", app, Run(what, settings), outputFolder, timeout);
    }

    private static List<string> Run(IEnumerable<string> what, RunSettings settings)
    {
        var args = new List<string> { "run" };
        args.AddRange(what);
        args.AddRange(settings.Arguments());
        args.Add("--quiet");
        return args;
    }
}
