namespace Knobs.Tasks;

/// <summary>Diagnostic ids of the MSBuild integration (KNB0400–KNB0499); each has a page under docs/diagnostics/.</summary>
internal static class KnobsTasksInfo
{
    internal const string Prefix = "KNB";

    /// <summary>KnobsProfileDir or KnobsTableDir cannot be created or written.</summary>
    internal const string FolderNotWritable = "KNB0413";
    /// <summary>`app list --json` failed or printed something unreadable.</summary>
    internal const string ListFailed = "KNB0420";
    /// <summary>A variant's process crashed or exited with an error.</summary>
    internal const string VariantFailed = "KNB0421";
    /// <summary>A variant ran longer than KnobsTimeout and was killed.</summary>
    internal const string VariantTimedOut = "KNB0422";
    /// <summary>The app has no benchmark (no [KnobBenchmark] template) or the filter selects nothing.</summary>
    internal const string NothingToProfile = "KNB0423";
    /// <summary>A profile could not be read back or written.</summary>
    internal const string ProfileUnreadable = "KNB0424";
    /// <summary>KnobsReportTemplate cannot be read or rendered.</summary>
    internal const string ReportTemplateInvalid = "KNB0425";
    /// <summary>The lookup table Simulate needs cannot be read.</summary>
    internal const string TableUnreadable = "KNB0430";
    /// <summary>The app has several benchmarks and KnobsBenchmark does not pick one.</summary>
    internal const string BenchmarkAmbiguous = "KNB0431";
    /// <summary>A validation run (KnobsValidate) failed.</summary>
    internal const string ValidationFailed = "KNB0432";
    /// <summary>Two configurations share a name, or a name cannot name a validation file.</summary>
    internal const string ConfigurationNameUnusable = "KNB0433";

    internal static string HelpLink(string code) =>
        "https://github.com/knobs-dotnet/knobs/blob/main/docs/diagnostics/" + code + ".md";
}
