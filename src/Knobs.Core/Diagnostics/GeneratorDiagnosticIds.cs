namespace Knobs.Diagnostics;

/// <summary>Stable ids of the generator's diagnostics (KNB0100–KNB0199).</summary>
public static class GeneratorDiagnosticIds
{
    /// <summary>Benchmark template is not partial.</summary>
    public const string TemplateNotPartial = "KNB0101";
    /// <summary>Benchmark template has no Run method.</summary>
    public const string NoRunMethod = "KNB0102";
    /// <summary>Benchmark template has no Input method.</summary>
    public const string NoInputMethod = "KNB0103";
    /// <summary>Unsupported statement in Run.</summary>
    public const string UnsupportedStatement = "KNB0104";
    /// <summary>No knob rewrites this op.</summary>
    public const string OpNotRewritable = "KNB0105";
    /// <summary>Knob changes nothing in this template.</summary>
    public const string KnobChangesNothing = "KNB0106";
    /// <summary>Knob type not supported.</summary>
    public const string KnobUnsupported = "KNB0107";
    /// <summary>Knob from-op resolves to no method.</summary>
    public const string FromOpNotFound = "KNB0108";
    /// <summary>Rewritten call does not match the to-op's signature.</summary>
    public const string ParameterCountMismatch = "KNB0109";
    /// <summary>Knob to-op resolves to no method.</summary>
    public const string ToOpNotFound = "KNB0110";
    /// <summary>Unknown KnobsProfiling value.</summary>
    public const string InvalidProfilingMode = "KNB0111";
    /// <summary>Node name is not a constant.</summary>
    public const string NodeNameNotConstant = "KNB0112";
    /// <summary>Benchmark template has no parameterless constructor.</summary>
    public const string NoParameterlessConstructor = "KNB0113";
    /// <summary>Unsupported tensor op call.</summary>
    public const string UnsupportedOpCall = "KNB0114";
    /// <summary>Two benchmark templates with the same name.</summary>
    public const string DuplicateBenchmarkName = "KNB0115";
    /// <summary>Knob call argument is not a checked literal.</summary>
    public const string UncheckedCallArgument = "KNB0116";
    /// <summary>Knob table has no fp32 knob: the template is the baseline.</summary>
    public const string ImplicitBaseline = "KNB0117";
}
