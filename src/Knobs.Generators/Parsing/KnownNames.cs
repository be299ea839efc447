namespace Knobs.Generators.Parsing;

/// <summary>Metadata names of the contract types the generator looks for.</summary>
internal static class KnownNames
{
    public const string KnobBenchmarkAttribute = "Knobs.KnobBenchmarkAttribute";
    public const string TensorOpAttribute = "Knobs.TensorOpAttribute";
    public const string NodeMarkerType = "Knobs.NodeMarker";
    public const string NodeMarkerMethod = "Node";
    /// <summary>The nested class the generated partial declares so that Run can write <c>Knobs.Node(...)</c> (<see cref="NodeForwarder"/>).</summary>
    public const string NodeForwarderClass = "Knobs";
    public const string Runner = "Knobs.Runtime.Runner";
}
