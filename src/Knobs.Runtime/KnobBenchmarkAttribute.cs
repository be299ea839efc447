using System;

namespace Knobs;

/// <summary>
/// Marks a <c>partial</c> class as a benchmark template: it has <c>Tensor Run(Tensor x)</c> and
/// <c>Tensor Input(int batch)</c>. At build time the Knobs generator emits one instrumented variant per
/// applicable knob as a nested type.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KnobBenchmarkAttribute : Attribute
{
    /// <summary>True when the output is class scores (enables top-1 agreement in QoS). Default true.</summary>
    public bool Classifier { get; set; } = true;
}
