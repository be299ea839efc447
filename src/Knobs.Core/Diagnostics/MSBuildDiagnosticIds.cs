namespace Knobs.Diagnostics;

/// <summary>Stable ids of the MSBuild integration's diagnostics (KNB0400–KNB0499), logged by the tasks and by <c>build/*.targets</c>.</summary>
public static class MSBuildDiagnosticIds
{
    /// <summary>KnobsProfiling is not PerTensor or Total.</summary>
    public const string InvalidProfiling = "KNB0401";
    /// <summary>KnobsIterations is not a whole number in range.</summary>
    public const string InvalidIterations = "KNB0402";
    /// <summary>KnobsTargetError is not a relative error.</summary>
    public const string InvalidTargetError = "KNB0403";
    /// <summary>KnobsIterations and KnobsTargetError are both set.</summary>
    public const string IterationsAndTargetError = "KNB0404";
    /// <summary>KnobsBatch is not a whole number in range.</summary>
    public const string InvalidBatch = "KNB0405";
    /// <summary>KnobsThreads is not a whole number in range.</summary>
    public const string InvalidThreads = "KNB0406";
    /// <summary>KnobsTimeout is not a number of seconds in range.</summary>
    public const string InvalidTimeout = "KNB0407";
    /// <summary>A KnobTable item points at a file that does not exist.</summary>
    public const string KnobTableNotFound = "KNB0408";
    /// <summary>A Knobs switch property is not a boolean.</summary>
    public const string InvalidBoolean = "KNB0409";
    /// <summary>Simulate has no configuration file.</summary>
    public const string NoConfigurationFile = "KNB0410";
    /// <summary>The Knobs task assembly was not found.</summary>
    public const string TasksAssemblyNotFound = "KNB0411";
    /// <summary>KnobsReportTemplate does not exist.</summary>
    public const string ReportTemplateNotFound = "KNB0412";
    /// <summary>KnobsProfileDir or KnobsTableDir cannot be created or written.</summary>
    public const string FolderNotWritable = "KNB0413";
    /// <summary>KnobsScheduler or a KnobsSlurm* property is not a value Knobs can use.</summary>
    public const string InvalidScheduler = "KNB0414";
    /// <summary>`app list --json` failed or printed something unreadable.</summary>
    public const string ListFailed = "KNB0420";
    /// <summary>A variant's process crashed or exited with an error.</summary>
    public const string VariantFailed = "KNB0421";
    /// <summary>A variant ran longer than KnobsTimeout and was killed.</summary>
    public const string VariantTimedOut = "KNB0422";
    /// <summary>The app has no benchmark (no [KnobBenchmark] template) or the filter selects nothing.</summary>
    public const string NothingToProfile = "KNB0423";
    /// <summary>A profile could not be read back or written.</summary>
    public const string ProfileUnreadable = "KNB0424";
    /// <summary>KnobsReportTemplate cannot be read or rendered.</summary>
    public const string ReportTemplateInvalid = "KNB0425";
    /// <summary>KnobsScheduler=slurm, but Slurm cannot take jobs here (not installed, controller or MUNGE down, no such partition).</summary>
    public const string SchedulerUnavailable = "KNB0426";
    /// <summary>The lookup table Simulate needs cannot be read.</summary>
    public const string TableUnreadable = "KNB0430";
    /// <summary>The app has several benchmarks and KnobsBenchmark does not pick one.</summary>
    public const string BenchmarkAmbiguous = "KNB0431";
    /// <summary>A validation run (KnobsValidate) failed.</summary>
    public const string ValidationFailed = "KNB0432";
    /// <summary>Two configurations share a name, or a name cannot name a validation file.</summary>
    public const string ConfigurationNameUnusable = "KNB0433";
    /// <summary>KnobsSimulateGpuOn is not a device, or KnobsValidate is asked for a modelled accelerator.</summary>
    public const string InvalidSimulateDevice = "KNB0434";
    /// <summary>KnobsSimulateTables is not a folder of tables, or is given with KnobsAccelerator.</summary>
    public const string SimulateTablesUnusable = "KNB0435";
    /// <summary>FitPredictor cannot fit: a bad model, an accelerator's tables, the knobs tool missing or failing.</summary>
    public const string FitPredictorFailed = "KNB0436";
}
