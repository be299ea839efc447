namespace Knobs.Generators.Parsing;

/// <summary>Metadata names of the contract types the generator looks for.</summary>
internal static class KnownNames
{
    public const string KnobBenchmarkAttribute = "Knobs.KnobBenchmarkAttribute";
    public const string TensorOpAttribute = "Knobs.TensorOpAttribute";
    public const string NodeMarkerType = "Knobs.Knobs";
    public const string NodeMarkerMethod = "Node";
    public const string Runner = "Knobs.Runtime.Runner";
}
