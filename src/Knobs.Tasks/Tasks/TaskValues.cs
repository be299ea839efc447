using System;
using System.Globalization;
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
}
