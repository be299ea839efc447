using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Knobs.Configurations;
using Knobs.Reporting;
using Knobs.Tables;
using Knobs.Tasks.Logging;
using Knobs.Tasks.Tables;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Knobs.Tasks;

/// <summary>
/// Builds the lookup tables from the profiles (Knobs.Core TableBuilder) and writes their files into
/// <c>$(KnobsTableDir)</c>, each only when its content changed; prints per node the fastest knob and its speedup.
/// </summary>
public sealed class WriteLookupTables : Task
{
    /// <summary>The profiles (<c>@(KnobsProfile)</c>).</summary>
    [Required] public ITaskItem[] Profiles { get; set; } = Array.Empty<ITaskItem>();

    /// <summary><c>$(KnobsTableDir)</c>.</summary>
    [Required] public string TableDirectory { get; set; } = "";

    /// <summary><c>$(KnobsReportTemplate)</c>: a Scriban template replacing the built-in report.html template.</summary>
    public string? ReportTemplate { get; set; }

    /// <summary>Every table file (written now or already up to date).</summary>
    [Output] public ITaskItem[] TableFiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>Root of the help links of logged diagnostics (<c>KnobsHelpLinkRoot</c>); empty: the project's docs/diagnostics.</summary>
    public string? HelpLinkRoot { get; set; }

    /// <inheritdoc />
    public override bool Execute()
    {
        var log = new MSBuildTaskLog(Log, HelpLinkRoot);
        if (!Files.WritableFolder.Check(log, "KnobsTableDir", TableDirectory))
        {
            return false;
        }
        TableBuildResult result = TableBuilder.Build(Profiles.Select(p => p.GetMetadata("FullPath")));
        Report(log, result.Diagnostics);
        if (result.HasErrors)
        {
            return false;
        }
        Directory.CreateDirectory(TableDirectory);
        var files = new List<ITaskItem>();
        int written = 0;
        foreach (LookupTable table in result.Tables)
        {
            foreach (var (path, wasWritten) in Tables.TableFiles.Write(TableDirectory, table))
            {
                written += wasWritten ? 1 : 0;
                var item = new TaskItem(path);
                item.SetMetadata("Benchmark", table.Benchmark);
                files.Add(item);
            }
            foreach (string line in TableSummary.Lines(table))
            {
                log.Info(LogText.Escape(line)); // benchmark, node and knob names come from the profiles
            }
        }
        var input = new ReportInput();
        foreach (LookupTable table in result.Tables)
        {
            input.Add(table);
        }
        // report.html for the CPU (and for tables of several devices together); report.<device>.html when every table is of
        // one other device (a modelled accelerator's ProfileTable), so it never replaces the CPU's report.
        var devices = result.Tables.Select(t => t.DeviceKind).Distinct(StringComparer.Ordinal).ToList();
        string reportName = devices.Count == 1 && devices[0] != Knobs.Profiles.ProfileDevice.Cpu
            ? "report." + Tables.TableFiles.DeviceKey(devices[0]) + ".html"
            : "report.html";
        string report = Path.Combine(TableDirectory, reportName);
        if (!ReportFile.Write(log, report, input, ReportTemplate, out bool reportWritten))
        {
            return false;
        }
        written += reportWritten ? 1 : 0;
        files.Add(new TaskItem(report));
        TableFiles = files.ToArray();
        log.Info(string.Format(CultureInfo.InvariantCulture, "Knobs: lookup tables in {0} ({1} of {2} files changed)",
            LogText.Escape(TableDirectory), written, files.Count));
        return !Log.HasLoggedErrors;
    }

    internal static void Report(ITaskLog log, IEnumerable<ConfigurationDiagnostic> diagnostics) => DiagnosticReport.Log(log, diagnostics);
}
