namespace Knobs.Cuda.Convolution;

/// <summary>The arithmetic of a GPU convolution.</summary>
public enum CudaPrecision
{
    /// <summary>fp32 storage and fp32 arithmetic (FMA only, never TF32).</summary>
    Float32,
    /// <summary>fp16 storage and half multiplies on the tensor cores, fp32 accumulation (as cuDNN's and PyTorch's half convolutions).</summary>
    Float16,
}
