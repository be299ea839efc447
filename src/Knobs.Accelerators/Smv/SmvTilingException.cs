using System;

namespace Knobs.Accelerators.Smv;

/// <summary>
/// Thrown when no SMV tiling fits a tensor in its scratchpad. The message names the tensor, its shape, the scratchpad
/// size and what to change.
/// </summary>
public sealed class SmvTilingException : InvalidOperationException
{
    /// <summary>Creates the exception for one tensor.</summary>
    public SmvTilingException(string operatorName, string tensorName, SmvShape shape, SmvParameters parameters, string reason)
        : base($"SMV {operatorName}: the {tensorName} tensor {shape} ({shape.StorageSize} storage elements) cannot be tiled " +
               $"into a {parameters.ScratchpadBytes}-byte scratchpad ({parameters.MaxTileElements} elements of " +
               $"{parameters.ElementBytes} B per tile): {reason}. Use a larger scratchpad " +
               $"(SmvParameters scratchpadBytes) or smaller elements, or split the layer.")
    {
        OperatorName = operatorName;
        TensorName = tensorName;
        Shape = shape;
        ScratchpadBytes = parameters.ScratchpadBytes;
    }

    /// <summary>The operator being tiled (convolution, inner product, …).</summary>
    public string OperatorName { get; }

    /// <summary>The tensor that does not fit (inputs, weights, outputs).</summary>
    public string TensorName { get; }

    /// <summary>The tensor's full shape.</summary>
    public SmvShape Shape { get; }

    /// <summary>The scratchpad size in bytes.</summary>
    public int ScratchpadBytes { get; }
}
