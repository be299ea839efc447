namespace Knobs.Generators;

/// <summary>Tracking names of the generator's incremental steps (tests assert how each one ran).</summary>
internal static class StepNames
{
    public const string TemplateParse = "Knobs.TemplateParse";
    public const string Templates = "Knobs.Templates";
    public const string TableFiles = "Knobs.TableFiles";
    public const string KnobSet = "Knobs.KnobSet";
    public const string Profiling = "Knobs.Profiling";
    public const string Plans = "Knobs.Plans";
    public const string PlanSources = "Knobs.PlanSources";
    public const string Registry = "Knobs.Registry";
    public const string EntryPoint = "Knobs.EntryPoint";
}
