using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Knobs.Profiles;
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

    public ConfigurationValidator(AppCommand app, RunSettings settings, TimeSpan timeout, ITaskLog log)
    {
        _app = app;
        _settings = settings;
        _timeout = timeout;
        _log = log;
    }

    /// <summary>
    /// Measures <paramref name="variant"/> (the baseline) in its own process into <paramref name="folder"/>; null (with a
    /// warning) when it cannot be measured.
    /// </summary>
    public (string Path, Profile Profile)? MeasureBaseline(string benchmark, string variant, string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var args = new List<string> { "run", "--benchmark", benchmark, "--variant", variant, "--out", folder };
        args.AddRange(_settings.Arguments());
        args.Add("--quiet");
        ProcessResult result = _app.Run(args, _timeout);
        string[] files = Directory.GetFiles(folder, "*.profile.jsonl");
        if (!result.Succeeded || files.Length != 1)
        {
            _log.Warning(KnobsTasksInfo.ValidationFailed, result.TimedOut
                ? $"the baseline {variant} was still running after KnobsTimeout and was stopped; speedups use the other baseline run or the table's."
                : $"the baseline {variant} could not be measured (exit code {result.ExitCode}, {files.Length} profile files); speedups use the other baseline run or the table's. Command: {_app.Describe(args)}\n{result.Tail()}");
            return null;
        }
        try
        {
            Profile profile = ProfileReader.Read(files[0]);
            _log.Info($"Knobs: measured the baseline {variant} in {result.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s: {profile.Summary.Time.Mean.ToString("0.###", CultureInfo.InvariantCulture)} ms per run");
            return (files[0], profile);
        }
        catch (ProfileFormatException e)
        {
            _log.Warning(KnobsTasksInfo.ProfileUnreadable, e.Message, e.File);
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
        for (int i = 0; i < configurations.Count; i++)
        {
            var (index, name) = configurations[i];
            string folder = Path.Combine(outDirectory, index.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            var args = new List<string> { "run", "--benchmark", benchmark, "--config", configurationFile,
                "--index", index.ToString(CultureInfo.InvariantCulture), "--out", folder };
            args.AddRange(_settings.Arguments());
            args.Add("--quiet");
            ProcessResult result = _app.Run(args, _timeout);
            string left = (configurations.Count - i - 1 + remainingAfter).ToString(CultureInfo.InvariantCulture);
            string[] files = Directory.GetFiles(folder, "*.profile.jsonl");
            if (!result.Succeeded || files.Length != 1)
            {
                _log.Warning(KnobsTasksInfo.ValidationFailed, result.TimedOut
                    ? $"{name} (configuration {index}) was still running after KnobsTimeout and was stopped; it is not validated."
                    : $"{name} (configuration {index}) could not be measured (exit code {result.ExitCode}, {files.Length} profile files). Command: {_app.Describe(args)}\n{result.Tail()}");
                continue;
            }
            try
            {
                measured.Add((files[0], ProfileReader.Read(files[0])));
                _log.Info($"Knobs: measured {name} in {result.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s ({left} left)");
            }
            catch (ProfileFormatException e)
            {
                _log.Warning(KnobsTasksInfo.ProfileUnreadable, e.Message, e.File);
            }
        }
        return measured;
    }
}
