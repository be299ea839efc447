using System;
using Knobs;
using Knobs.Accelerators.Modelling;
using Knobs.Tensors;

namespace Knobs.Samples.CustomAccelOp;

/// <summary>The custom operator: an element-wise add of two tensors of one shape.</summary>
public static class AccelOps
{
    /// <summary>
    /// Adds <paramref name="a"/> and <paramref name="b"/> element by element. On the CPU it is the tensor runtime's add; on
    /// a modelled accelerator its cost is <see cref="ElementwiseAddModel"/>'s.
    /// </summary>
    [TensorOp("add")]
    [AcceleratorModel(typeof(ElementwiseAddModel))]
    public static Tensor ElementwiseAdd(Tensor a, Tensor b)
    {
        if (!a.Shape.AsSpan().SequenceEqual(b.Shape)) throw new TensorOpException(nameof(ElementwiseAdd), "the two inputs must have the same shape");
        // What the op computes, recorded before it calls any other op, so its call site gets these features.
        OpFeatureLog.Record(OpFeatures.Elementwise(nameof(ElementwiseAdd), half: false, flopsPerElement: 1, a.Shape, a, b));
        return Ops.Add(a, b);
    }
}
