namespace Knobs.Generators;

/// <summary>Tracking names of the generator's incremental steps (tests assert how each one ran).</summary>
internal static class StepNames
{
    public const string TemplateParse = "Knobs.TemplateParse";
    public const string TemplateSyntax = "Knobs.TemplateSyntax";
    public const string SourceOps = "Knobs.SourceOps";
    public const string GlobalUsings = "Knobs.GlobalUsings";
    public const string TemplateResolve = "Knobs.TemplateResolve";
    public const string TemplateBuild = "Knobs.TemplateBuild";
    public const string Templates = "Knobs.Templates";
    public const string TableFiles = "Knobs.TableFiles";
    public const string KnobSet = "Knobs.KnobSet";
    public const string Profiling = "Knobs.Profiling";
    public const string HelpLinkRoot = "Knobs.HelpLinkRoot";
    public const string Plans = "Knobs.Plans";
    public const string PlanSources = "Knobs.PlanSources";
    public const string Registry = "Knobs.Registry";
    public const string EntryPoint = "Knobs.EntryPoint";
}
