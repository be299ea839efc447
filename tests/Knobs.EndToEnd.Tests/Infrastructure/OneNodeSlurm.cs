using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Knobs.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A one-node Slurm cluster on this machine for the tests that submit to Slurm, started with the repository's
/// <c>scripts/slurm/one-node.sh</c> (Debian's slurm-wlm and munge, which <c>.ci/run</c> installs) and stopped when the
/// tests are done. Client commands reach it through <see cref="Environment"/> (<c>SLURM_CONF</c>).
/// </summary>
public sealed class OneNodeSlurm : IDisposable
{
    public OneNodeSlurm()
    {
        Folder = Path.Combine(Path.GetTempPath(), "knobs-slurm-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Script = Path.Combine(RepositoryRoot(), "scripts", "slurm", "one-node.sh");
        (int code, string output) = Shell(Script, "start", Folder);
        if (code != 0)
        {
            Failure = "the one-node Slurm did not start (install slurm-wlm and munge: .ci/run does): " + output;
            return;
        }
        Conf = Path.Combine(Folder, "slurm.conf");
        Environment = new Dictionary<string, string> { ["SLURM_CONF"] = Conf };
    }

    /// <summary>Why the cluster is not there; null when it runs.</summary>
    public string? Failure { get; }

    /// <summary>The folder holding its configuration, state and logs.</summary>
    public string Folder { get; }

    /// <summary>Its slurm.conf.</summary>
    public string Conf { get; } = "";

    /// <summary>The start/stop script.</summary>
    public string Script { get; }

    /// <summary>What a child process needs to reach it.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>();

    /// <summary>Fails the test with <see cref="Failure"/> when the cluster is not running.</summary>
    public void ShouldRun() => Assert.True(Failure is null, Failure);

    /// <summary>Runs a Slurm client command against the cluster.</summary>
    public (int Code, string Output) Command(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) start.ArgumentList.Add(a);
        start.Environment["SLURM_CONF"] = Conf;
        using var p = Process.Start(start)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }

    public void Dispose()
    {
        Shell(Script, "stop", Folder);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a daemon's file still open: the temp folder is left
        }
    }

    private static (int, string) Shell(string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (string a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }

    private static string RepositoryRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Knobs.sln"))) return dir;
        }
        throw new InvalidOperationException("the repository root (Knobs.sln) is not above " + AppContext.BaseDirectory);
    }

    /// <summary>Knobs' array tasks still in the queue.</summary>
    public IReadOnlyList<string> KnobsTasks() =>
        Command("squeue", "-h", "-r", "-n", "knobs", "-o", "%i").Output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
}
