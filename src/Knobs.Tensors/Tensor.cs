namespace Knobs.Tensors;

/// <summary>An NCHW tensor (float32 or float16 storage). Owned by the tensor-runtime work (issue 3).</summary>
public sealed partial class Tensor
{
}
