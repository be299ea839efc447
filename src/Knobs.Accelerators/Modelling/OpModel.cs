using System;
using Knobs.Accelerators.Description;
using Knobs.Profiles;

namespace Knobs.Accelerators.Modelling;

/// <summary>One op call to model: the op's name and kind as profiles record them, and its features.</summary>
public sealed class ModelledOp
{
    /// <summary>Creates the record.</summary>
    public ModelledOp(string op, string kind, OpFeatureRecord features)
    {
        Op = op;
        Kind = kind;
        Features = features;
    }

    /// <summary>The op method's name (<c>ConvApprox</c>, <c>HalfAdd</c>, your own op's).</summary>
    public string Op { get; }
    /// <summary>The op's kind (<c>conv</c>, <c>add</c>, …).</summary>
    public string Kind { get; }
    /// <summary>What the call computes: shapes, precision, approximation, FLOPs, bytes, batch.</summary>
    public OpFeatureRecord Features { get; }

    /// <summary>Bytes per element at the op's precision: 2 for fp16, 4 for fp32.</summary>
    public int ElementBytes => Features.Precision == "fp16" ? 2 : 4;
}

/// <summary>
/// The cost model of one op on a modelled accelerator. The built-in models cover Knobs' ops; your own
/// <c>[TensorOp]</c> method declares its model with <see cref="AcceleratorModelAttribute"/>. A model is a pure function of
/// the op's features and the accelerator: the same inputs give the same cost.
/// </summary>
public abstract class OpModel
{
    /// <summary>The cost of one call of <paramref name="op"/> on <paramref name="accelerator"/>.</summary>
    public abstract OpCost Model(ModelledOp op, AcceleratorDescription accelerator);
}

/// <summary>
/// Declares the accelerator model of a <c>[TensorOp]</c> method: a public class deriving from <see cref="OpModel"/> with a
/// public parameterless constructor. Profiling for a modelled accelerator uses it for every call of the op.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class AcceleratorModelAttribute : Attribute
{
    /// <summary>Names the model type.</summary>
    public AcceleratorModelAttribute(Type model) => Model = model;

    /// <summary>The model type.</summary>
    public Type Model { get; }
}
