using Knobs.Diagnostics;

namespace Knobs.Tasks;

/// <summary>Diagnostic ids of the MSBuild integration (KNB0400–KNB0499), forwarded from <see cref="MSBuildDiagnosticIds"/>; each has a page under docs/diagnostics/.</summary>
internal static class KnobsTasksInfo
{
    internal const string Prefix = "KNB";

    /// <summary>KnobsProfileDir or KnobsTableDir cannot be created or written.</summary>
    internal const string FolderNotWritable = MSBuildDiagnosticIds.FolderNotWritable;
    /// <summary>`app list --json` failed or printed something unreadable.</summary>
    internal const string ListFailed = MSBuildDiagnosticIds.ListFailed;
    /// <summary>A variant's process crashed or exited with an error.</summary>
    internal const string VariantFailed = MSBuildDiagnosticIds.VariantFailed;
    /// <summary>A variant ran longer than KnobsTimeout and was killed.</summary>
    internal const string VariantTimedOut = MSBuildDiagnosticIds.VariantTimedOut;
    /// <summary>The app has no benchmark (no [KnobBenchmark] template) or the filter selects nothing.</summary>
    internal const string NothingToProfile = MSBuildDiagnosticIds.NothingToProfile;
    /// <summary>A profile could not be read back or written.</summary>
    internal const string ProfileUnreadable = MSBuildDiagnosticIds.ProfileUnreadable;
    /// <summary>KnobsReportTemplate cannot be read or rendered.</summary>
    internal const string ReportTemplateInvalid = MSBuildDiagnosticIds.ReportTemplateInvalid;
    /// <summary>The lookup table Simulate needs cannot be read.</summary>
    internal const string TableUnreadable = MSBuildDiagnosticIds.TableUnreadable;
    /// <summary>The app has several benchmarks and KnobsBenchmark does not pick one.</summary>
    internal const string BenchmarkAmbiguous = MSBuildDiagnosticIds.BenchmarkAmbiguous;
    /// <summary>A validation run (KnobsValidate) failed.</summary>
    internal const string ValidationFailed = MSBuildDiagnosticIds.ValidationFailed;
    /// <summary>Two configurations share a name, or a name cannot name a validation file.</summary>
    internal const string ConfigurationNameUnusable = MSBuildDiagnosticIds.ConfigurationNameUnusable;

    /// <summary>KnobsScheduler or a KnobsSlurm* property is not usable.</summary>
    internal const string InvalidScheduler = MSBuildDiagnosticIds.InvalidScheduler;
    /// <summary>KnobsScheduler=slurm, but Slurm cannot take jobs here.</summary>
    internal const string SchedulerUnavailable = MSBuildDiagnosticIds.SchedulerUnavailable;

    /// <summary>The accelerator description (KnobsAccelerator) cannot be read.</summary>
    internal const string AcceleratorUnreadable = AcceleratorDiagnosticIds.DescriptionUnreadable;

    /// <summary>The help page of <paramref name="code"/> under <paramref name="root"/> (<c>KnobsHelpLinkRoot</c>; the default root when empty).</summary>
    internal static string HelpLink(string code, string? root = null) => DiagnosticHelpLinks.For(code, root);
}
