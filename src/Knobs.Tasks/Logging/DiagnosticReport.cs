using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Knobs.Configurations;

namespace Knobs.Tasks.Logging;

/// <summary>
/// Logs Knobs.Core's diagnostics (configuration, table and validation problems) with their file, line and column. At
/// most <see cref="PerFile"/> per file are logged as errors and warnings; the rest go to detailed verbosity, with one
/// line saying how many were left out and how to see them (one damaged file must not flood the build log).
/// </summary>
internal static class DiagnosticReport
{
    /// <summary>How many diagnostics of one file are logged as errors and warnings.</summary>
    public const int PerFile = 100;

    public static void Log(ITaskLog log, IEnumerable<ConfigurationDiagnostic> diagnostics)
    {
        var shown = new Dictionary<string, int>(StringComparer.Ordinal);
        var suppressed = new Dictionary<string, (int Errors, int Warnings)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (ConfigurationDiagnostic d in diagnostics)
        {
            string key = d.File ?? "";
            shown.TryGetValue(key, out int count);
            string message = LogText.Escape(d.Message);
            string? file = string.IsNullOrEmpty(d.File) ? null : LogText.Escape(d.File);
            if (count < PerFile)
            {
                shown[key] = count + 1;
                if (d.IsError) log.Error(d.Id, message, file, Math.Max(0, d.Line), Math.Max(0, d.Column));
                else log.Warning(d.Id, message, file, Math.Max(0, d.Line), Math.Max(0, d.Column));
                continue;
            }
            if (!suppressed.TryGetValue(key, out var s))
            {
                order.Add(key);
            }
            suppressed[key] = d.IsError ? (s.Errors + 1, s.Warnings) : (s.Errors, s.Warnings + 1);
            log.Detail(string.Format(CultureInfo.InvariantCulture, "{0}({1},{2}): {3} {4}: {5}",
                file ?? "", d.Line, d.Column, d.IsError ? "error" : "warning", d.Id, message));
        }
        foreach (string key in order)
        {
            var (errors, warnings) = suppressed[key];
            log.Info(string.Format(CultureInfo.InvariantCulture,
                "Knobs: {0} more diagnostic(s) for {1} were not shown ({2} error(s), {3} warning(s)) after the first {4}; fix those and build again, or build with -v:detailed to see them all.",
                errors + warnings, key.Length == 0 ? "(no file)" : LogText.Escape(key), errors, warnings, PerFile));
        }
    }
}
