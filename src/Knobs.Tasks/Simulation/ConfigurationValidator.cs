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
/// in its own process so a crash or timeout loses only that configuration, and returns the profiles.
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

    public IReadOnlyList<(string Path, Profile Profile)> Measure(string benchmark, string configurationFile, IReadOnlyList<(int Index, string Name)> configurations, string outDirectory)
    {
        if (Directory.Exists(outDirectory))
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
            string left = (configurations.Count - i - 1).ToString(CultureInfo.InvariantCulture);
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
