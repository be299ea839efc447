using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Knobs.Configurations;
using Knobs.Profiles;
using Knobs.Tasks.Files;
using Knobs.Tasks.Apps;
using Knobs.Tasks.Launching;
using Knobs.Tasks.Logging;
using Knobs.Tasks.Profiling;

namespace Knobs.Tasks.Simulation;

/// <summary>
/// KnobsValidate: measures every configuration of a file with the app (<c>app run --config FILE --index N</c>), each
/// in its own process so a crash or timeout loses only that configuration, and returns the profiles. Paired (the
/// default), each run also measures the baseline variant interleaved with the configuration (<c>--paired BASELINE</c>,
/// ABBA), so a measured speedup compares runs seconds apart in one process; <see cref="MeasureBaseline"/> then only names
/// that baseline and launches nothing. Unpaired, the caller measures the baseline in its own process between groups of
/// configurations (<see cref="MeasureBaseline"/>) and speedups compare runs of one pass, minutes apart. Each run is a
/// <see cref="RunPlan"/> handed to an <see cref="IRunLauncher"/>.
/// </summary>
internal sealed class ConfigurationValidator
{
    private readonly AppCommand _app;
    private readonly RunSettings _settings;
    private readonly TimeSpan _timeout;
    private readonly ITaskLog _log;
    private readonly CancellationToken _cancel;
    private readonly Func<bool> _launcherAlive;
    private readonly IRunLauncher _launcher;
    private readonly List<string> _notMeasured = new();
    private readonly bool _paired;
    private string? _pairedBaseline;

    // cancel: the build was canceled (the launcher stops the running process tree, nothing else starts); launcherAlive:
    // checked before each run, false when the process that started the build has exited; launcher: runs each plan (a
    // LocalRunLauncher, a child process of the build, when null); paired: measure each configuration with the baseline
    // interleaved in its own run (false: the baseline in runs of its own, between groups).
    public ConfigurationValidator(AppCommand app, RunSettings settings, TimeSpan timeout, ITaskLog log,
        CancellationToken cancel = default, Func<bool>? launcherAlive = null, IRunLauncher? launcher = null, bool paired = true)
    {
        _paired = paired;
        _launcher = launcher ?? new LocalRunLauncher(log);
        _cancel = cancel;
        _launcherAlive = launcherAlive ?? (() => true);
        _app = app;
        _settings = settings;
        _timeout = timeout;
        _log = log;
    }

    /// <summary>True once the build was canceled or its launcher exited: nothing more is measured.</summary>
    public bool Stopped => _cancel.IsCancellationRequested || !_launcherAlive();

    /// <summary>The runs (labels) left unmeasured, or stopped midway, because validation stopped; in run order.</summary>
    public IReadOnlyList<string> NotMeasured => _notMeasured;

    /// <summary>
    /// Checks, before anything is measured, that every configuration can be validated on its own: two configurations
    /// with one name would share a profile and a validation row (KNB0433 names both lines), and a name with a path
    /// separator, a '..', a leading '.', a control character or more than <see cref="SafeFileName.MaxLength"/>
    /// characters cannot name the file the app writes its measurement to (it would land in another folder, or outside
    /// the validation folder).
    /// </summary>
    public static bool CheckNames(ITaskLog log, string configurationFile, IReadOnlyList<Configuration> configurations)
    {
        bool ok = true;
        var first = new Dictionary<string, Configuration>(StringComparer.Ordinal);
        foreach (Configuration c in configurations)
        {
            if (SafeFileName.From(c.Name) != c.Name && !IsPlainName(c.Name))
            {
                log.Error(KnobsTasksInfo.ConfigurationNameUnusable, string.Format(CultureInfo.InvariantCulture,
                    "configuration {0} is named '{1}', which cannot name the file its measurement is written to (no '/', '\\', '..', leading '.', control characters, at most {2} characters). Rename it to validate it.",
                    c.Index, LogText.Escape(c.Name), SafeFileName.MaxLength), LogText.Escape(configurationFile), c.Line);
                ok = false;
                continue;
            }
            if (first.TryGetValue(c.Name, out Configuration? earlier))
            {
                log.Error(KnobsTasksInfo.ConfigurationNameUnusable, string.Format(CultureInfo.InvariantCulture,
                    "configurations {0} (line {1}) and {2} (line {3}) are both named '{4}'; their measurements would overwrite each other. Give each configuration its own name to validate them.",
                    earlier.Index, earlier.Line, c.Index, c.Line, LogText.Escape(c.Name)), LogText.Escape(configurationFile), c.Line);
                ok = false;
                continue;
            }
            first[c.Name] = c;
        }
        return ok;
    }

    // Names such as "conf 1" or "c+fp16" are fine in a file name though SafeFileName would change them; what is not
    // fine is a name that leaves its folder or hides or breaks a file name.
    private static bool IsPlainName(string name) =>
        name.Length > 0 && name.Length <= SafeFileName.MaxLength && name[0] != '.' && !name.Contains("..") &&
        name.IndexOfAny(new[] { '/', '\\', ':' }) < 0 && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && !name.Any(char.IsControl);

    /// <summary>The baseline variant each configuration run is paired with (set by <see cref="MeasureBaseline"/>); null when unpaired.</summary>
    public string? PairedBaseline => _pairedBaseline;

    /// <summary>
    /// Paired: makes <paramref name="variant"/> the baseline every later configuration run measures interleaved with it,
    /// launches nothing and returns null (the speedups come from the configurations' own runs). Unpaired: measures
    /// <paramref name="variant"/> (the baseline) in its own process into <paramref name="folder"/>; null (with a warning)
    /// when it cannot be measured.
    /// </summary>
    public (string Path, Profile Profile)? MeasureBaseline(string benchmark, string variant, string folder)
    {
        if (_paired)
        {
            if (_pairedBaseline is null)
            {
                _log.Info($"Knobs: speedups are paired: each configuration is measured interleaved (ABBA) with the baseline {LogText.Escape(variant)} in its own run");
            }
            _pairedBaseline = variant;
            return null;
        }
        RunPlan plan = RunPlans.Variant(_app.AppPath, benchmark, variant, folder, _settings, _timeout);
        if (Stopped)
        {
            _notMeasured.Add("baseline " + plan.Label);
            return null;
        }
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        RunOutcome outcome = _launcher.Launch(plan, _cancel);
        if (outcome.Canceled)
        {
            _notMeasured.Add("baseline " + plan.Label);
            return null;
        }
        if (!outcome.Succeeded || outcome.Profiles.Count != 1)
        {
            _log.Warning(KnobsTasksInfo.ValidationFailed, outcome.TimedOut
                ? $"the baseline {LogText.Escape(variant)} was still running after KnobsTimeout and was stopped; speedups use the other baseline run or the table's."
                : $"the baseline {LogText.Escape(variant)} could not be measured (exit code {outcome.ExitCode ?? -1}, {outcome.Profiles.Count} profile files); speedups use the other baseline run or the table's. Command: {_launcher.Describe(plan)}\n{outcome.Message}");
            return null;
        }
        string file = outcome.Profiles[0];
        try
        {
            Profile profile = ProfileReader.Read(file);
            _log.Info($"Knobs: measured the baseline {LogText.Escape(variant)} in {outcome.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s: {profile.Summary.Time.Mean.ToString("0.###", CultureInfo.InvariantCulture)} ms per run");
            return (file, profile);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.Warning(KnobsTasksInfo.ProfileUnreadable, LogText.Escape(e.Message), LogText.Escape(file));
            return null;
        }
    }

    /// <summary>
    /// Measures each configuration into <c>outDirectory/index</c>; <paramref name="fresh"/> first deletes what is there;
    /// <paramref name="remainingAfter"/>: configurations still to measure after these (for the progress lines).
    /// </summary>
    public IReadOnlyList<(string Path, Profile Profile)> Measure(string benchmark, string configurationFile, IReadOnlyList<(int Index, string Name)> configurations,
        string outDirectory, bool fresh = true, int remainingAfter = 0)
    {
        if (fresh && Directory.Exists(outDirectory))
        {
            Directory.Delete(outDirectory, recursive: true);
        }
        var measured = new List<(string, Profile)>();
        var plans = new List<RunPlan>();
        foreach (var (index, name) in configurations)
        {
            string folder = SafeFileName.Inside(outDirectory, index.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            plans.Add(RunPlans.Configuration(_app.AppPath, benchmark, configurationFile, index, name, folder, _settings, _timeout, _pairedBaseline));
        }
        int ended = 0;
        var byIndex = new SortedDictionary<int, (string, Profile)>();
        _launcher.LaunchAll(plans, _cancel, () => !Stopped, (i, outcome) =>
        {
            ended++;
            var (index, name) = configurations[i];
            if (outcome.Canceled)
            {
                _notMeasured.Add(plans[i].Label);
                return;
            }
            string left = (configurations.Count - ended + remainingAfter).ToString(CultureInfo.InvariantCulture);
            if (!outcome.Succeeded || outcome.Profiles.Count != 1)
            {
                _log.Warning(KnobsTasksInfo.ValidationFailed, outcome.TimedOut
                    ? $"{LogText.Escape(name)} (configuration {index}) was still running after KnobsTimeout and was stopped; it is not validated."
                    : $"{LogText.Escape(name)} (configuration {index}) could not be measured (exit code {outcome.ExitCode ?? -1}, {outcome.Profiles.Count} profile files). Command: {_launcher.Describe(plans[i])}\n{outcome.Message}");
                return;
            }
            string file = outcome.Profiles[0];
            try
            {
                Profile profile = ProfileReader.Read(file);
                byIndex[i] = (file, profile);
                string paired = profile.Summary.Paired is { } p
                    ? string.Format(CultureInfo.InvariantCulture, ", paired speedup {0:0.000}x ± {1:0.000} over {2} pairs", p.Speedup.Mean, p.Speedup.CiHalfWidth, profile.Summary.Iterations)
                    : "";
                string node = outcome.Node is { } n ? " on node " + LogText.Escape(n) : "";
                _log.Info($"Knobs: measured {LogText.Escape(name)} in {outcome.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s{node}{paired} ({left} left)");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _log.Warning(KnobsTasksInfo.ProfileUnreadable, LogText.Escape(e.Message), LogText.Escape(file));
            }
        });
        // In the file's order, whatever order the runs ended in.
        measured.AddRange(byIndex.Values);
        return measured;
    }

    /// <summary>The profiles the app wrote into <paramref name="folder"/> (also in subfolders), each checked to be inside it.</summary>
    internal static string[] ProfilesIn(string folder) => RunOutputs.ProfilesIn(folder);
}
