using System.Collections.Immutable;
using Knobs.KnobTables;

namespace Knobs.Diagnostics;

/// <summary>Diagnostics of the MSBuild integration: the targets' property checks and the tasks (KNB0400–KNB0499).</summary>
public static class MSBuildDiagnosticCatalog
{
    private const KnobDiagnosticSeverity E = KnobDiagnosticSeverity.Error, W = KnobDiagnosticSeverity.Warning, I = KnobDiagnosticSeverity.Info;

    /// <summary>KNB0401: KnobsProfiling is not PerTensor or Total.</summary>
    public static KnobsDiagnosticDescriptor InvalidProfiling { get; } = new(MSBuildDiagnosticIds.InvalidProfiling, "Unknown KnobsProfiling value", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0402: KnobsIterations is not a whole number in range.</summary>
    public static KnobsDiagnosticDescriptor InvalidIterations { get; } = new(MSBuildDiagnosticIds.InvalidIterations, "KnobsIterations is not a whole number from 1 to 100000", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0403: KnobsTargetError is not a relative error.</summary>
    public static KnobsDiagnosticDescriptor InvalidTargetError { get; } = new(MSBuildDiagnosticIds.InvalidTargetError, "KnobsTargetError is not a relative error", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0404: KnobsIterations and KnobsTargetError are both set.</summary>
    public static KnobsDiagnosticDescriptor IterationsAndTargetError { get; } = new(MSBuildDiagnosticIds.IterationsAndTargetError, "KnobsIterations and KnobsTargetError are both set", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0405: KnobsBatch is not a whole number in range.</summary>
    public static KnobsDiagnosticDescriptor InvalidBatch { get; } = new(MSBuildDiagnosticIds.InvalidBatch, "KnobsBatch is not a whole number from 1 to 4096", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0406: KnobsThreads is not a whole number in range.</summary>
    public static KnobsDiagnosticDescriptor InvalidThreads { get; } = new(MSBuildDiagnosticIds.InvalidThreads, "KnobsThreads is not a whole number from 1 to 64", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0407: KnobsTimeout is not a number of seconds in range.</summary>
    public static KnobsDiagnosticDescriptor InvalidTimeout { get; } = new(MSBuildDiagnosticIds.InvalidTimeout, "KnobsTimeout is not a number of seconds from 1 to 86400", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0408: A KnobTable item points at a file that does not exist.</summary>
    public static KnobsDiagnosticDescriptor KnobTableNotFound { get; } = new(MSBuildDiagnosticIds.KnobTableNotFound, "A KnobTable item points at a file that does not exist", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0409: A Knobs switch property is not a boolean.</summary>
    public static KnobsDiagnosticDescriptor InvalidBoolean { get; } = new(MSBuildDiagnosticIds.InvalidBoolean, "A Knobs switch property is not a boolean", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0410: Simulate has no configuration file.</summary>
    public static KnobsDiagnosticDescriptor NoConfigurationFile { get; } = new(MSBuildDiagnosticIds.NoConfigurationFile, "Simulate has no configuration file", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0411: The Knobs task assembly was not found.</summary>
    public static KnobsDiagnosticDescriptor TasksAssemblyNotFound { get; } = new(MSBuildDiagnosticIds.TasksAssemblyNotFound, "The Knobs task assembly was not found", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0412: KnobsReportTemplate does not exist.</summary>
    public static KnobsDiagnosticDescriptor ReportTemplateNotFound { get; } = new(MSBuildDiagnosticIds.ReportTemplateNotFound, "KnobsReportTemplate does not exist", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0413: KnobsProfileDir or KnobsTableDir cannot be created or written.</summary>
    public static KnobsDiagnosticDescriptor FolderNotWritable { get; } = new(MSBuildDiagnosticIds.FolderNotWritable, "KnobsProfileDir or KnobsTableDir cannot be written", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0414: KnobsScheduler or a KnobsSlurm* property is not a usable value.</summary>
    public static KnobsDiagnosticDescriptor InvalidScheduler { get; } = new(MSBuildDiagnosticIds.InvalidScheduler, "KnobsScheduler or a KnobsSlurm property is not a usable value", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0420: `app list --json` failed or printed something unreadable.</summary>
    public static KnobsDiagnosticDescriptor ListFailed { get; } = new(MSBuildDiagnosticIds.ListFailed, "The app's variant list could not be read", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0421: A variant's process crashed or exited with an error.</summary>
    public static KnobsDiagnosticDescriptor VariantFailed { get; } = new(MSBuildDiagnosticIds.VariantFailed, "A variant's process failed", W, DiagnosticCategories.MSBuild);

    /// <summary>KNB0422: A variant ran longer than KnobsTimeout and was killed.</summary>
    public static KnobsDiagnosticDescriptor VariantTimedOut { get; } = new(MSBuildDiagnosticIds.VariantTimedOut, "A variant ran past KnobsTimeout", W, DiagnosticCategories.MSBuild);

    /// <summary>KNB0423: The app has no benchmark (no [KnobBenchmark] template) or the filter selects nothing.</summary>
    public static KnobsDiagnosticDescriptor NothingToProfile { get; } = new(MSBuildDiagnosticIds.NothingToProfile, "Nothing to profile", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0424: A profile could not be read back or written.</summary>
    public static KnobsDiagnosticDescriptor ProfileUnreadable { get; } = new(MSBuildDiagnosticIds.ProfileUnreadable, "A variant's profile could not be used", W, DiagnosticCategories.MSBuild);

    /// <summary>KNB0425: KnobsReportTemplate cannot be read or rendered.</summary>
    public static KnobsDiagnosticDescriptor ReportTemplateInvalid { get; } = new(MSBuildDiagnosticIds.ReportTemplateInvalid, "The report template cannot be rendered", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0426: KnobsScheduler=slurm, but Slurm cannot take jobs here.</summary>
    public static KnobsDiagnosticDescriptor SchedulerUnavailable { get; } = new(MSBuildDiagnosticIds.SchedulerUnavailable, "Slurm cannot take jobs from this machine", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0430: The lookup table Simulate needs cannot be read.</summary>
    public static KnobsDiagnosticDescriptor TableUnreadable { get; } = new(MSBuildDiagnosticIds.TableUnreadable, "The lookup table for Simulate cannot be read", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0431: The app has several benchmarks and KnobsBenchmark does not pick one.</summary>
    public static KnobsDiagnosticDescriptor BenchmarkAmbiguous { get; } = new(MSBuildDiagnosticIds.BenchmarkAmbiguous, "Which benchmark's table to simulate is unclear", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0432: A validation run (KnobsValidate) failed.</summary>
    public static KnobsDiagnosticDescriptor ValidationFailed { get; } = new(MSBuildDiagnosticIds.ValidationFailed, "A configuration could not be measured for validation", W, DiagnosticCategories.MSBuild);

    /// <summary>KNB0433: Two configurations share a name, or a name cannot name a validation file.</summary>
    public static KnobsDiagnosticDescriptor ConfigurationNameUnusable { get; } = new(MSBuildDiagnosticIds.ConfigurationNameUnusable, "A configuration's name cannot be used for validation", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0434: KnobsSimulateGpuOn is not a device, or validation is asked for a modelled accelerator.</summary>
    public static KnobsDiagnosticDescriptor InvalidSimulateDevice { get; } = new(MSBuildDiagnosticIds.InvalidSimulateDevice, "The simulation device is not usable", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0435: KnobsSimulateTables is not a folder of tables.</summary>
    public static KnobsDiagnosticDescriptor SimulateTablesUnusable { get; } = new(MSBuildDiagnosticIds.SimulateTablesUnusable, "KnobsSimulateTables is not a folder of tables", E, DiagnosticCategories.MSBuild);

    /// <summary>KNB0436: FitPredictor cannot fit.</summary>
    public static KnobsDiagnosticDescriptor FitPredictorFailed { get; } = new(MSBuildDiagnosticIds.FitPredictorFailed, "FitPredictor cannot fit", E, DiagnosticCategories.MSBuild);

    /// <summary>Every descriptor of this range, in id order.</summary>
    public static ImmutableArray<KnobsDiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        InvalidProfiling, InvalidIterations, InvalidTargetError, IterationsAndTargetError, InvalidBatch, InvalidThreads,
        InvalidTimeout, KnobTableNotFound, InvalidBoolean, NoConfigurationFile, TasksAssemblyNotFound, ReportTemplateNotFound,
        FolderNotWritable, InvalidScheduler, ListFailed, VariantFailed, VariantTimedOut, NothingToProfile, ProfileUnreadable, ReportTemplateInvalid, SchedulerUnavailable,
        TableUnreadable, BenchmarkAmbiguous, ValidationFailed, ConfigurationNameUnusable, InvalidSimulateDevice, SimulateTablesUnusable, FitPredictorFailed);
}
