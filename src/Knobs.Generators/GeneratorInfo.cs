namespace Knobs.Generators;

internal static class GeneratorInfo
{
    internal const string Name = "Knobs";
}
