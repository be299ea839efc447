using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Configurations;
using Knobs.Diagnostics;
using Knobs.KnobTables;
using Knobs.Tasks.Logging;

namespace Knobs.Tasks.Simulation;

/// <summary>
/// Checks a configuration file before anything is built or profiled: its grammar, op and approx names, node order and
/// that every configuration has the first one's nodes and ops (the lookup table, which checks the nodes against the
/// benchmark, does not exist yet), and, for validation, that every configuration name can name its measurement. What it
/// reports as an error, Simulate would report too: it only comes minutes earlier.
/// </summary>
internal static class ConfigurationCheck
{
    /// <summary>
    /// Reads <paramref name="path"/>; logs its diagnostics and returns false when it has an error. Approx names are
    /// HPVM's and the knob types of <paramref name="knobTables"/> (the project's KnobTable files); when one of those
    /// cannot be read, an unknown approx name is left for Simulate to judge against the lookup table.
    /// </summary>
    public static bool Check(ITaskLog log, string path, IReadOnlyList<string> knobTables, bool validate)
    {
        IReadOnlyCollection<string>? approx = KnobTypeNames(knobTables);
        ConfigurationReadResult read = ConfigurationReader.ReadFile(path, new ConfigurationReaderOptions { ExtraApproxNames = approx });
        List<ConfigurationDiagnostic> diagnostics = read.Diagnostics
            .Where(d => approx is not null || d.Id != DiagnosticIds.UnknownApprox)
            .ToList();
        if (diagnostics.Any(d => d.IsError))
        {
            // Warnings too, so the file reads as Simulate would report it; without an error Simulate reports them once.
            DiagnosticReport.Log(log, diagnostics);
            return false;
        }
        return !validate || read.File is null || ConfigurationValidator.CheckNames(log, path, read.File.Configurations);
    }

    /// <summary>The knob type names of the tables (each of its types and knobs' types); null when a table cannot be read.</summary>
    internal static IReadOnlyCollection<string>? KnobTypeNames(IReadOnlyList<string> knobTables)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in knobTables)
        {
            KnobTableReadResult table = KnobTableReader.ReadFile(path);
            if (table.Table is null)
            {
                return null;
            }
            names.UnionWith(table.Table.Types.Select(t => t.Name));
            names.UnionWith(table.Table.Knobs.Select(k => k.Type));
        }
        return names;
    }
}
