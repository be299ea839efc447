using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Knobs.Tasks.Apps;

namespace Knobs.Tasks.Launching;

/// <summary>
/// One run of the built app, decided before anything starts: the app, its arguments, the folder its profile is written
/// to, the time limit, extra environment variables and a label for the log. Plain text and numbers only, so a launcher
/// that runs it somewhere else (a batch scheduler) can write it out as a command line (<see cref="ShellCommand"/>) and
/// read the profile back from <see cref="OutputFolder"/> on a shared file system.
/// </summary>
internal sealed class RunPlan
{
    /// <summary>The files a run writes: Knobs profiles.</summary>
    public const string ProfilePattern = "*.profile.jsonl";

    private readonly string[] _arguments;
    private readonly string _outputArgument;

    public RunPlan(string label, string app, IEnumerable<string> arguments, string outputFolder, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        Label = label;
        App = Path.GetFullPath(app);
        _arguments = arguments.ToArray();
        _outputArgument = outputFolder;
        OutputFolder = Path.GetFullPath(outputFolder);
        Timeout = timeout;
        Environment = new SortedDictionary<string, string>(
            environment?.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) ?? new Dictionary<string, string>(), StringComparer.Ordinal);
    }

    /// <summary>What the log calls this run (<c>Benchmark/variant</c>, <c>conf3 (configuration 3)</c>); not escaped yet.</summary>
    public string Label { get; }

    /// <summary>Full path of the app: its .dll (run with the dotnet host) or its executable.</summary>
    public string App { get; }

    /// <summary>The arguments after the app (<c>run --benchmark B …</c>).</summary>
    public IReadOnlyList<string> Arguments => _arguments;

    /// <summary>The folder the run writes its <see cref="ProfilePattern"/> file(s) into (the runner's <c>--out</c>).</summary>
    public string OutputFolder { get; }

    /// <summary>How long the run may take before it is stopped.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Variables set for the run on top of the launcher's environment, in ordinal order.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>
    /// Cluster nodes the run must not be placed on (their measurements would not match the rest of the table); a
    /// launcher that runs on this machine ignores it.
    /// </summary>
    public IReadOnlyList<string> AvoidNodes { get; init; } = Array.Empty<string>();

    /// <summary>The folder the run starts in: the app's own.</summary>
    public string WorkingDirectory => Path.GetDirectoryName(App) ?? ".";

    /// <summary>The program and arguments that start the run (<c>dotnet app.dll …</c> for a .dll).</summary>
    public IReadOnlyList<string> CommandLine(string? dotnetHost = null) => new AppCommand(App, dotnetHost).Argv(_arguments);

    /// <summary>
    /// The run as one POSIX shell line (<c>cd DIR &amp;&amp; env K=V dotnet app.dll …</c>), every word single-quoted: what
    /// a launcher that submits a script runs.
    /// </summary>
    public string ShellCommand(string? dotnetHost = null)
    {
        var line = new StringBuilder("cd ").Append(Quote(WorkingDirectory)).Append(" && ");
        if (Environment.Count > 0)
        {
            line.Append("env ");
            foreach (var pair in Environment)
            {
                line.Append(Quote(pair.Key + "=" + pair.Value)).Append(' ');
            }
        }
        line.Append(string.Join(" ", CommandLine(dotnetHost).Select(Quote)));
        return line.ToString();
    }

    /// <summary>
    /// The same run with another copy of the app and another output folder (every argument that named the output folder
    /// names the new one): what a launcher that stages the app and collects the profile from a shared folder runs.
    /// </summary>
    public RunPlan Moved(string app, string outputFolder) =>
        new(Label, app, _arguments.Select(a => a == _outputArgument || a == OutputFolder ? outputFolder : a), outputFolder, Timeout, Environment)
        {
            AvoidNodes = AvoidNodes,
        };

    /// <summary>The same run, kept off <paramref name="nodes"/> as well as the nodes it already avoids.</summary>
    public RunPlan Avoiding(IEnumerable<string> nodes) =>
        new(Label, App, _arguments, _outputArgument, Timeout, Environment)
        {
            AvoidNodes = AvoidNodes.Concat(nodes).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToArray(),
        };

    /// <summary>A word for a POSIX shell: single-quoted, each <c>'</c> as <c>'\''</c>.</summary>
    internal static string Quote(string word) => "'" + word.Replace("'", "'\\''") + "'";

    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "{0}: {1} (out {2}, timeout {3} s)", Label, ShellCommand(), OutputFolder, Timeout.TotalSeconds);
}
