using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Knobs.Diagnostics;
using Knobs.Tasks.Logging;
using Knobs.Tasks.Profiling;

namespace Knobs.Tasks;

/// <summary>
/// Task parameters arrive as text. The targets check them first (KNB040x), with the same ranges as here; the tasks
/// check again, so a task run by other targets, or a value that slips past a check, is a KNB error and never an
/// exception (a number too large for its type, a timeout past what a process wait can take).
/// </summary>
internal static class TaskValues
{
    /// <summary>Most measured iterations per variant (<c>KnobsIterations</c>): the runner's own limit (MeasureSettings.MaxIterations), also in Knobs.Validation.targets.</summary>
    public const int MaxIterations = 100_000;

    /// <summary>Largest input batch (<c>KnobsBatch</c>); the same number is in Knobs.Validation.targets.</summary>
    public const int MaxBatch = 4096;

    /// <summary>
    /// Most threads (<c>KnobsThreads</c>). Must equal the runner app's own limit (Knobs.Runtime's command line / the CPU
    /// backend accept 1 to 64 threads): a larger value would pass here and make every variant's process fail.
    /// The same number is in Knobs.Validation.targets.
    /// </summary>
    public const int MaxThreads = 64;

    /// <summary>Longest time one variant's process may run, in seconds (<c>KnobsTimeout</c>: one day).</summary>
    public const int MaxTimeoutSeconds = 86_400;

    /// <summary>Shortest <c>KnobsTimeout</c>, in seconds.</summary>
    public const int MinTimeoutSeconds = 1;

    /// <summary>The default <c>KnobsTimeout</c>, in seconds.</summary>
    public const int DefaultTimeoutSeconds = 600;

    /// <summary>
    /// Reads the measurement settings and the timeout; false (with the KNB040x error the targets would give) when one is
    /// not in its range.
    /// </summary>
    public static bool TryReadSettings(ITaskLog log, string profiling, string? iterations, string? targetError, string? batch,
        string? threads, string? timeoutSeconds, out RunSettings settings, out TimeSpan timeout)
    {
        settings = new RunSettings(profiling, null, null, null, null);
        timeout = TimeSpan.FromSeconds(DefaultTimeoutSeconds);
        bool ok = TryInt(log, MSBuildDiagnosticIds.InvalidIterations, "KnobsIterations", iterations, MaxIterations, "a whole number of iterations",
                "Use a whole number such as 20, or leave it empty to measure until KnobsTargetError is reached.", out int? n)
            & TryFraction(log, targetError, out double? e)
            & TryInt(log, MSBuildDiagnosticIds.InvalidBatch, "KnobsBatch", batch, MaxBatch, "a batch size",
                "Use a whole number such as 1, or leave it empty for the runner's default (1).", out int? b)
            & TryInt(log, MSBuildDiagnosticIds.InvalidThreads, "KnobsThreads", threads, MaxThreads, "a thread count",
                "Use a whole number such as 1, or leave it empty for the backend's default.", out int? t)
            & TryTimeout(log, timeoutSeconds, out timeout);
        if (n is not null && e is not null)
        {
            log.Error(MSBuildDiagnosticIds.IterationsAndTargetError, $"KnobsIterations and KnobsTargetError are both set ('{LogText.Escape(iterations!)}', '{LogText.Escape(targetError!)}'). Set one: a fixed iteration count, or a target relative error to measure until.");
            ok = false;
        }
        settings = new RunSettings(profiling, n, e, b, t);
        return ok;
    }

    private static bool TryInt(ITaskLog log, string code, string property, string? value, int max, string what, string fix, out int? result)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }
        if (int.TryParse(value!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed >= 1 && parsed <= max)
        {
            result = parsed;
            return true;
        }
        log.Error(code, string.Format(CultureInfo.InvariantCulture, "{0}='{1}' is not {2} from 1 to {3}. {4}",
            property, LogText.Escape(value), what, max, fix));
        return false;
    }

    private static bool TryFraction(ITaskLog log, string? value, out double? result)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }
        if (double.TryParse(value!.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double parsed) && parsed > 0 && parsed < 1)
        {
            result = parsed;
            return true;
        }
        log.Error(MSBuildDiagnosticIds.InvalidTargetError, $"KnobsTargetError='{LogText.Escape(value)}' is not a relative error strictly between 0 and 1. Use a number with a '.' decimal point, such as 0.02 for 2 %.");
        return false;
    }

    private static bool TryTimeout(ITaskLog log, string? value, out TimeSpan timeout)
    {
        timeout = TimeSpan.FromSeconds(DefaultTimeoutSeconds);
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }
        if (double.TryParse(value!.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds)
            && seconds >= MinTimeoutSeconds && seconds <= MaxTimeoutSeconds)
        {
            timeout = TimeSpan.FromSeconds(seconds);
            return true;
        }
        log.Error(MSBuildDiagnosticIds.InvalidTimeout, string.Format(CultureInfo.InvariantCulture,
            "KnobsTimeout='{0}' is not a time limit from {1} to {2} seconds. Use a number of seconds per variant such as 600, or leave it empty for the default ({3}).",
            LogText.Escape(value), MinTimeoutSeconds, MaxTimeoutSeconds, DefaultTimeoutSeconds));
        return false;
    }

    /// <summary>
    /// Reads <c>KnobsScheduler</c> and the <c>KnobsSlurm*</c> properties: null options for a local scheduler (empty or
    /// <c>local</c>), Slurm's for <c>slurm</c>; false (with KNB0414 naming the property) for a value that cannot be used.
    /// </summary>
    public static bool TryReadSlurm(ITaskLog log, string? scheduler, string? sharedDirectory, string defaultSharedDirectory, string? partition,
        string? account, string? arguments, string? maxParallel, string? retries, string? exclusive, string? dotnet, out Launching.Slurm.SlurmOptions? options)
    {
        options = null;
        string kind = (scheduler ?? "").Trim();
        if (kind.Length == 0 || kind == "local") return true;
        if (kind != "slurm")
        {
            log.Error(MSBuildDiagnosticIds.InvalidScheduler, $"KnobsScheduler='{LogText.Escape(kind)}' is not a scheduler. Use local (runs on this machine, the default) or slurm (Slurm job arrays; docs/slurm.md).");
            return false;
        }
        bool ok = TryInt(log, MSBuildDiagnosticIds.InvalidScheduler, "KnobsSlurmMaxParallel", maxParallel, Launching.Slurm.SlurmOptions.MaxParallelLimit, "a number of tasks",
                "Use a whole number such as 4, or leave it empty to run as many tasks at once as the cluster gives.", out int? parallel)
            & TryCount(log, "KnobsSlurmRetries", retries, Launching.Slurm.SlurmOptions.MaxRetries, out int? retryCount)
            & TryName(log, "KnobsSlurmPartition", partition, out string? partitionName)
            & TryName(log, "KnobsSlurmAccount", account, out string? accountName)
            & TrySbatchArguments(log, arguments, out IReadOnlyList<string> extra);
        string exclusiveText = (exclusive ?? "").Trim();
        if (exclusiveText.Length > 0 && exclusiveText != "true" && exclusiveText != "false")
        {
            log.Error(MSBuildDiagnosticIds.InvalidScheduler, $"KnobsSlurmExclusive='{LogText.Escape(exclusiveText)}' must be true (each task has its node to itself, the default) or false.");
            ok = false;
        }
        if (!ok) return false;
        string shared = string.IsNullOrWhiteSpace(sharedDirectory) ? defaultSharedDirectory : sharedDirectory!.Trim();
        options = new Launching.Slurm.SlurmOptions(System.IO.Path.GetFullPath(shared))
        {
            Partition = partitionName,
            Account = accountName,
            ExtraArguments = extra,
            MaxParallel = parallel,
            Retries = retryCount ?? Launching.Slurm.SlurmOptions.DefaultRetries,
            Exclusive = exclusiveText != "false",
            Dotnet = string.IsNullOrWhiteSpace(dotnet) ? null : dotnet!.Trim(),
        };
        return true;
    }

    private static bool TryCount(ITaskLog log, string property, string? value, int max, out int? result)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(value)) return true;
        if (int.TryParse(value!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed <= max)
        {
            result = parsed;
            return true;
        }
        log.Error(MSBuildDiagnosticIds.InvalidScheduler, string.Format(CultureInfo.InvariantCulture,
            "{0}='{1}' is not a number of retries from 0 to {2}. Use a whole number such as 2, or leave it empty for the default ({3}).",
            property, LogText.Escape(value), max, Launching.Slurm.SlurmOptions.DefaultRetries));
        return false;
    }

    // A partition or account: Slurm's names (letters, digits, '_', '-', '.'; partitions may be a comma-separated list).
    private static bool TryName(ITaskLog log, string property, string? value, out string? result)
    {
        result = string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
        if (result is null || System.Text.RegularExpressions.Regex.IsMatch(result, "^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$")) return true;
        log.Error(MSBuildDiagnosticIds.InvalidScheduler, $"{property}='{LogText.Escape(value!)}' is not a Slurm name (letters, digits, '_', '-', '.'; several partitions separated by ','). Use a name sinfo or sacctmgr lists, or leave it empty for the cluster's default.");
        result = null;
        return false;
    }

    /// <summary>The sbatch options Knobs sets itself: a user's own would break how tasks are found and collected.</summary>
    internal static readonly string[] ReservedSbatchOptions = { "--array", "-a", "--output", "-o", "--error", "-e", "--chdir", "-D", "--wrap", "--parsable", "--wait", "-W", "--test-only", "--hold", "-H" };

    /// <summary>
    /// Splits <c>KnobsSlurmArguments</c> into words (blanks separate them; '…' and "…" keep blanks inside a word) and
    /// refuses the options Knobs sets itself.
    /// </summary>
    internal static bool TrySbatchArguments(ITaskLog log, string? text, out IReadOnlyList<string> words)
    {
        var list = new List<string>();
        words = list;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var word = new System.Text.StringBuilder();
        bool inWord = false;
        char quote = '\0';
        foreach (char c in text!)
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0'; else word.Append(c);
                continue;
            }
            if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) list.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (quote != '\0')
        {
            log.Error(MSBuildDiagnosticIds.InvalidScheduler, $"KnobsSlurmArguments='{LogText.Escape(text)}' has a quote ({quote}) that is never closed. Close it, or leave the quotes out.");
            return false;
        }
        if (inWord) list.Add(word.ToString());
        foreach (string w in list)
        {
            string? reserved = ReservedSbatchOptions.FirstOrDefault(r => r.StartsWith("--", StringComparison.Ordinal)
                ? w == r || w.StartsWith(r + "=", StringComparison.Ordinal)
                : !w.StartsWith("--", StringComparison.Ordinal) && w.StartsWith(r, StringComparison.Ordinal));
            if (reserved is not null)
            {
                log.Error(MSBuildDiagnosticIds.InvalidScheduler, $"KnobsSlurmArguments has '{LogText.Escape(w)}': Knobs sets {reserved} itself (the array, its output and working folders, and how it is submitted). Leave it out; use KnobsSlurmMaxParallel to limit how many tasks run at once.");
                return false;
            }
            if (!w.StartsWith("-", StringComparison.Ordinal))
            {
                log.Error(MSBuildDiagnosticIds.InvalidScheduler, $"KnobsSlurmArguments has '{LogText.Escape(w)}', which is not an sbatch option. Give options only, each with its value after '=' (for example --constraint=avx512 --qos=short).");
                return false;
            }
        }
        return true;
    }
}
