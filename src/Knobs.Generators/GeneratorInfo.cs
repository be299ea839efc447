namespace Knobs.Generators;

internal static class GeneratorInfo
{
    internal const string Name = "Knobs";

    /// <summary>The version written into [GeneratedCode] (the generator assembly's, so output is identical on every machine).</summary>
    internal static readonly string Version = typeof(GeneratorInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
