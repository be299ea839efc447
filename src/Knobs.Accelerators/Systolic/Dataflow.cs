namespace Knobs.Accelerators.Systolic;

/// <summary>Which operand stays in the processing elements while the others stream through (SCALE-Sim's <c>os</c>, <c>ws</c>, <c>is</c>).</summary>
public enum Dataflow
{
    /// <summary>Each PE accumulates one output; inputs and weights stream in (<c>os</c>).</summary>
    OutputStationary,

    /// <summary>Each PE holds one weight; inputs stream in from the left, partial sums flow down (<c>ws</c>).</summary>
    WeightStationary,

    /// <summary>Each PE holds one input; weights stream in, partial sums flow down (<c>is</c>).</summary>
    InputStationary,
}
