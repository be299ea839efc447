using System.Globalization;
using Knobs.Tensors.Backends;

namespace Knobs.Cuda.Convolution;

/// <summary>The exact (and grouped) convolution: one cuDNN call.</summary>
internal sealed class ExactPlan : IConvPlan
{
    private readonly CudnnConvolution _conv;

    public ExactPlan(CudaDevice device, in ConvShape s, bool half, DeviceBuffer x, DeviceBuffer w, DeviceBuffer y)
    {
        _conv = new CudnnConvolution(device, half, s.N, s.C, s.H, s.W, s.K, s.CPerGroup, s.KH, s.KW, s.PadH, s.PadW, s.StrideH, s.StrideW, s.Groups);
        _conv.Choose(x.Pointer, w.Pointer, y.Pointer);
    }

    public long WorkspaceBytes => _conv.WorkspaceBytes;

    public string Description => string.Create(CultureInfo.InvariantCulture, $"cuDNN algo {_conv.Algorithm} math {_conv.MathType} ({_conv.ChosenMilliseconds:0.0000} ms when chosen)");

    public void Run(DeviceBuffer x, DeviceBuffer w, DeviceBuffer y, DeviceBuffer? workspace) => _conv.Run(x.Pointer, w.Pointer, y.Pointer, workspace);

    public void Dispose() => _conv.Dispose();
}
