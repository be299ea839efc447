namespace Knobs;

/// <summary>Facts about this build of Knobs.</summary>
public static class KnobsCoreInfo
{
    /// <summary>The Knobs version recorded in profiles and generated code.</summary>
    public static string Version => typeof(KnobsCoreInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
