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
using Knobs.Tasks.Logging;
using Knobs.Tasks.Processes;
using Knobs.Tasks.Profiling;

namespace Knobs.Tasks.Simulation;

/// <summary>
/// KnobsValidate: measures every configuration of a file with the app (<c>app run --config FILE --index N</c>), each
/// in its own process so a crash or timeout loses only that configuration, and returns the profiles. The caller measures
/// the baseline variant the same way between groups of configurations (<see cref="MeasureBaseline"/>), so measured
/// speedups compare runs of one pass, not a configuration now against a baseline profiled earlier.
/// </summary>
internal sealed class ConfigurationValidator
{
    private readonly AppCommand _app;
    private readonly RunSettings _settings;
    private readonly TimeSpan _timeout;
    private readonly ITaskLog _log;
    private readonly CancellationToken _cancel;
    private readonly Func<bool> _launcherAlive;

    // cancel: the build was canceled (the running process tree is killed, nothing else starts); launcherAlive: checked
    // before each run, false when the process that started the build has exited.
    public ConfigurationValidator(AppCommand app, RunSettings settings, TimeSpan timeout, ITaskLog log,
        CancellationToken cancel = default, Func<bool>? launcherAlive = null)
    {
        _cancel = cancel;
        _launcherAlive = launcherAlive ?? (() => true);
        _app = app;
        _settings = settings;
        _timeout = timeout;
        _log = log;
    }

    /// <summary>True once the build was canceled or its launcher exited: nothing more is measured.</summary>
    public bool Stopped => _cancel.IsCancellationRequested || !_launcherAlive();

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

    /// <summary>
    /// Measures <paramref name="variant"/> (the baseline) in its own process into <paramref name="folder"/>; null (with a
    /// warning) when it cannot be measured.
    /// </summary>
    public (string Path, Profile Profile)? MeasureBaseline(string benchmark, string variant, string folder)
    {
        if (Stopped)
        {
            return null;
        }
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var args = new List<string> { "run", "--benchmark", benchmark, "--variant", variant, "--out", folder };
        args.AddRange(_settings.Arguments());
        args.Add("--quiet");
        ProcessResult result = _app.Run(args, _timeout, _cancel);
        if (result.Canceled)
        {
            return null;
        }
        string[] files = ProfilesIn(folder);
        if (!result.Succeeded || files.Length != 1)
        {
            _log.Warning(KnobsTasksInfo.ValidationFailed, result.TimedOut
                ? $"the baseline {LogText.Escape(variant)} was still running after KnobsTimeout and was stopped; speedups use the other baseline run or the table's."
                : $"the baseline {LogText.Escape(variant)} could not be measured (exit code {result.ExitCode}, {files.Length} profile files); speedups use the other baseline run or the table's. Command: {_app.Describe(args)}\n{result.Tail()}");
            return null;
        }
        try
        {
            Profile profile = ProfileReader.Read(files[0]);
            _log.Info($"Knobs: measured the baseline {LogText.Escape(variant)} in {result.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s: {profile.Summary.Time.Mean.ToString("0.###", CultureInfo.InvariantCulture)} ms per run");
            return (files[0], profile);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.Warning(KnobsTasksInfo.ProfileUnreadable, LogText.Escape(e.Message), LogText.Escape(files[0]));
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
        for (int i = 0; i < configurations.Count && !Stopped; i++)
        {
            var (index, name) = configurations[i];
            string folder = SafeFileName.Inside(outDirectory, index.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            var args = new List<string> { "run", "--benchmark", benchmark, "--config", configurationFile,
                "--index", index.ToString(CultureInfo.InvariantCulture), "--out", folder };
            args.AddRange(_settings.Arguments());
            args.Add("--quiet");
            ProcessResult result = _app.Run(args, _timeout, _cancel);
            if (result.Canceled)
            {
                break;
            }
            string left = (configurations.Count - i - 1 + remainingAfter).ToString(CultureInfo.InvariantCulture);
            string[] files = ProfilesIn(folder);
            if (!result.Succeeded || files.Length != 1)
            {
                _log.Warning(KnobsTasksInfo.ValidationFailed, result.TimedOut
                    ? $"{LogText.Escape(name)} (configuration {index}) was still running after KnobsTimeout and was stopped; it is not validated."
                    : $"{LogText.Escape(name)} (configuration {index}) could not be measured (exit code {result.ExitCode}, {files.Length} profile files). Command: {_app.Describe(args)}\n{result.Tail()}");
                continue;
            }
            try
            {
                measured.Add((files[0], ProfileReader.Read(files[0])));
                _log.Info($"Knobs: measured {LogText.Escape(name)} in {result.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s ({left} left)");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _log.Warning(KnobsTasksInfo.ProfileUnreadable, LogText.Escape(e.Message), LogText.Escape(files[0]));
            }
        }
        return measured;
    }

    /// <summary>The profiles the app wrote into <paramref name="folder"/> (also in subfolders), each checked to be inside it.</summary>
    internal static string[] ProfilesIn(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.profile.jsonl", SearchOption.AllDirectories).Where(f => SafeFileName.IsInside(folder, f)).ToArray()
            : Array.Empty<string>();
}
