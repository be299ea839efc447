namespace Knobs.Diagnostics;

/// <summary>The category of each id range (Roslyn shows it; the catalogs set it).</summary>
public static class DiagnosticCategories
{
    /// <summary>Knob tables (KNB0001–KNB0099).</summary>
    public const string KnobTables = "Knobs.KnobTables";

    /// <summary>The source generator (KNB0100–KNB0199).</summary>
    public const string Generator = "Knobs.Generator";

    /// <summary>Configuration files, lookup tables and the simulator (KNB0200–KNB0299).</summary>
    public const string Configurations = "Knobs.Configurations";

    /// <summary>The runner embedded in the app (KNB0300–KNB0399).</summary>
    public const string Runner = "Knobs.Runner";

    /// <summary>The MSBuild targets and tasks (KNB0400–KNB0499).</summary>
    public const string MSBuild = "Knobs.MSBuild";

    /// <summary>Modelled accelerators: descriptions, models and the SCALE-Sim command (KNB0500–KNB0599).</summary>
    public const string Accelerators = "Knobs.Accelerators";
    /// <summary>Latency predictors and generated profiling networks (KNB06xx).</summary>
    public const string Predictors = "Knobs.Predictors";
}
