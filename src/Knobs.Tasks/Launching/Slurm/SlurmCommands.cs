using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Tasks.Processes;

namespace Knobs.Tasks.Launching.Slurm;

/// <summary>
/// <see cref="ISlurmCluster"/> through Slurm's commands on PATH: <c>sinfo</c>, <c>sbatch --parsable</c>,
/// <c>squeue -r</c>, <c>sacct</c> (when accounting is on; else <c>scontrol show job</c>, which knows a job for the
/// cluster's MinJobAge after it ended) and <c>scancel</c>. Each command has a time limit; none is retried here.
/// </summary>
internal sealed class SlurmCommands : ISlurmCluster
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly string _user;

    public SlurmCommands(string? user = null) => _user = user ?? Environment.UserName;

    public string? Unavailable(string? partition)
    {
        if (FindOnPath("sbatch") is null)
        {
            return "Slurm's commands are not installed here: sbatch was not found on PATH. Install Slurm's client commands " +
                "(Debian and Ubuntu: apt-get install slurm-client; a cluster's login nodes have them) and build on a machine that can submit jobs, " +
                "or leave KnobsScheduler empty to profile on this machine.";
        }
        ProcessResult info = Run("sinfo", "-h", "-o", "%P|%a|%T|%N");
        if (!info.Succeeded)
        {
            return "Slurm cannot be reached: sinfo " + (info.TimedOut ? "did not answer in 60 s" : "failed") + " (" + OneLine(info.Tail(4)) + "). " + WhatToStart(info.StandardError + info.StandardOutput);
        }
        var partitions = new Dictionary<string, List<(string Available, string State)>>(StringComparer.Ordinal);
        string? defaultPartition = null;
        foreach (string line in info.StandardOutput.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            string[] f = line.Split('|');
            if (f.Length < 3) continue;
            string name = f[0];
            if (name.EndsWith("*", StringComparison.Ordinal))
            {
                name = name.Substring(0, name.Length - 1);
                defaultPartition = name;
            }
            if (!partitions.TryGetValue(name, out var states)) partitions[name] = states = new List<(string, string)>();
            states.Add((f[1], f[2]));
        }
        string? wanted = partition ?? defaultPartition;
        if (wanted is null)
        {
            return partitions.Count == 0
                ? "Slurm answers but has no partition (sinfo lists none). Add a partition to the cluster's slurm.conf."
                : "the cluster has no default partition; set KnobsSlurmPartition to one of: " + string.Join(", ", partitions.Keys.OrderBy(k => k, StringComparer.Ordinal)) + ".";
        }
        foreach (string one in wanted.Split(','))
        {
            if (!partitions.TryGetValue(one, out var states))
            {
                return $"the partition '{one}' does not exist; the cluster has: {string.Join(", ", partitions.Keys.OrderBy(k => k, StringComparer.Ordinal))}. Fix KnobsSlurmPartition.";
            }
            if (states.All(s => s.Available != "up"))
            {
                return $"the partition '{one}' is {states[0].Available}: it starts no job. Ask the cluster's administrators, or set KnobsSlurmPartition to a partition that is up (scontrol update partitionname={one} state=up on a cluster of your own).";
            }
            if (states.All(s => !CanRun(s.State)))
            {
                return $"no node of the partition '{one}' can run jobs (node states: {string.Join(", ", states.Select(s => s.State).Distinct())}). " +
                    "Start slurmd on the nodes, or resume them (scontrol update nodename=NODE state=resume).";
            }
        }
        return null;
    }

    // A node that answers and is not drained or down (a trailing * means it does not answer).
    private static bool CanRun(string state) =>
        !state.EndsWith("*", StringComparison.Ordinal) && !state.StartsWith("down", StringComparison.Ordinal) &&
        !state.StartsWith("drain", StringComparison.Ordinal) && !state.StartsWith("fail", StringComparison.Ordinal) &&
        !state.StartsWith("unk", StringComparison.Ordinal) && !state.StartsWith("no_resp", StringComparison.Ordinal) &&
        !state.StartsWith("maint", StringComparison.Ordinal) && !state.StartsWith("future", StringComparison.Ordinal);

    // What to start or set, from what a Slurm command printed.
    internal static string WhatToStart(string output)
    {
        string text = output.ToLowerInvariant();
        if (text.Contains("munge") || text.Contains("authentication") || text.Contains("auth/"))
        {
            return "Slurm's authentication failed: start the MUNGE daemon (munged) on this machine with the cluster's key.";
        }
        if (text.Contains("configuration source") || text.Contains("slurm.conf") || text.Contains("no such file"))
        {
            return "Slurm has no configuration here: set SLURM_CONF to the cluster's slurm.conf, or install it as /etc/slurm/slurm.conf.";
        }
        if (text.Contains("controller") || text.Contains("connection refused") || text.Contains("zero bytes") || text.Contains("timed out"))
        {
            return "The Slurm controller does not answer: start slurmctld (and slurmd on the nodes), or check that SLURM_CONF names the right cluster.";
        }
        return "Check that slurmctld runs and that this machine can submit jobs (sinfo must list the partitions).";
    }

    public string Submit(IReadOnlyList<string> arguments, string script)
    {
        ProcessResult r = Run("sbatch", new[] { "--parsable" }.Concat(arguments).Concat(new[] { script }).ToArray());
        string id = r.StandardOutput.Trim().Split('\n').LastOrDefault()?.Split(';')[0].Trim() ?? "";
        if (!r.Succeeded || id.Length == 0 || !id.All(char.IsDigit))
        {
            throw new SlurmException("sbatch " + (r.TimedOut ? "did not answer in 60 s" : "refused the job array") + ": " + OneLine(r.Tail(6)) + ". " +
                (r.TimedOut ? WhatToStart("controller") : "Check KnobsSlurmPartition, KnobsSlurmAccount and KnobsSlurmArguments against the cluster's limits."));
        }
        return id;
    }

    public IReadOnlyDictionary<string, SlurmTaskState>? Queue()
    {
        ProcessResult r = Run("squeue", "-h", "-r", "-u", _user, "-o", "%i|%T|%N|%r");
        return r.Succeeded ? ParseQueue(r.StandardOutput) : null;
    }

    /// <summary>Lines <c>JOBID_TASK|STATE|NODE|REASON</c> (squeue -r); a job that is not an array task keeps its plain id.</summary>
    internal static IReadOnlyDictionary<string, SlurmTaskState> ParseQueue(string text)
    {
        var tasks = new Dictionary<string, SlurmTaskState>(StringComparer.Ordinal);
        foreach (string line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            string[] f = line.Split('|');
            if (f.Length < 2) continue;
            tasks[f[0]] = new SlurmTaskState(f[1], null, f.Length > 2 && f[2].Length > 0 ? f[2] : null, f.Length > 3 ? f[3] : null);
        }
        return tasks;
    }

    public SlurmTaskState? Ended(string taskId)
    {
        ProcessResult acct = Run("sacct", "-n", "-P", "-X", "-j", taskId, "-o", "State,ExitCode,NodeList");
        if (acct.Succeeded && acct.StandardOutput.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) is { } line)
        {
            string[] f = line.Split('|');
            if (f.Length >= 2) return new SlurmTaskState(f[0].Split(' ')[0], f[1], f.Length > 2 && f[2].Length > 0 && f[2] != "None assigned" ? f[2] : null);
        }
        ProcessResult show = Run("scontrol", "-o", "show", "job", taskId);
        return show.Succeeded ? ParseShowJob(show.StandardOutput) : null;
    }

    /// <summary>The <c>JobState=</c>, <c>ExitCode=</c> and <c>NodeList=</c> fields of <c>scontrol -o show job</c>.</summary>
    internal static SlurmTaskState? ParseShowJob(string text)
    {
        string? Field(string name)
        {
            foreach (string word in text.Split(new[] { ' ', '\n' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (word.StartsWith(name + "=", StringComparison.Ordinal)) return word.Substring(name.Length + 1);
            }
            return null;
        }
        string? state = Field("JobState");
        if (state is null) return null;
        string? node = Field("NodeList");
        return new SlurmTaskState(state, Field("ExitCode"), node is null or "(null)" ? null : node, Field("Reason"));
    }

    public void Cancel(IReadOnlyCollection<string> jobIds)
    {
        if (jobIds.Count > 0) Run("scancel", jobIds.ToArray());
    }

    private static ProcessResult Run(string command, params string[] arguments) =>
        ProcessRunner.Run(command, arguments, Directory.GetCurrentDirectory(), CommandTimeout);

    private static string OneLine(string text) => string.Join(" / ", text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    /// <summary>The full path of <paramref name="command"/> on PATH; null when it is not there.</summary>
    internal static string? FindOnPath(string command)
    {
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (folder.Length == 0) continue;
            string candidate = Path.Combine(folder, command);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
