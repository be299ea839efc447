using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;

namespace Knobs.EndToEnd.Tests.Infrastructure;

/// <summary>What a child <c>dotnet</c> command did.</summary>
public sealed record CommandResult(string Command, int ExitCode, string Output)
{
    /// <summary>Lines of the output that start (after indentation) with "Knobs:".</summary>
    public IReadOnlyList<string> KnobsLines =>
        Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("Knobs:", StringComparison.Ordinal)).ToList();

    /// <summary>The variants the command profiled ("Bench/variant"), from the progress lines.</summary>
    public IReadOnlyList<string> Profiled =>
        KnobsLines.Where(l => l.Contains(" profiled in ", StringComparison.Ordinal))
            .Select(l => l.Substring("Knobs: ".Length, l.IndexOf(" profiled in ", StringComparison.Ordinal) - "Knobs: ".Length))
            .OrderBy(v => v, StringComparer.Ordinal).ToList();

    public CommandResult ShouldSucceed()
    {
        Assert.True(ExitCode == 0, $"{Command} exited with {ExitCode}:\n{Tail()}");
        return this;
    }

    public string Tail(int length = 8000) => Output.Length <= length ? Output : Output.Substring(Output.Length - length);
}

/// <summary>
/// Runs the dotnet CLI as a user would, in a given folder, with a private NuGet packages folder and none of the
/// MSBuild variables of the test host (which runs under MSBuild and would steer the child build).
/// </summary>
public static class Dotnet
{
    public static string Host =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && System.IO.File.Exists(host) ? host : "dotnet";

    public static CommandResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(Host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var pair in environment)
        {
            start.Environment[pair.Key] = pair.Value;
        }
        string command = "dotnet " + string.Join(" ", args);
        using var process = Process.Start(start)!;
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.Append(e.Data).Append('\n'); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit((int)timeout.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (log) return new CommandResult(command, -1, $"timed out after {timeout}\n{log}");
        }
        process.WaitForExit();
        lock (log) return new CommandResult(command, process.ExitCode, log.ToString());
    }
}
