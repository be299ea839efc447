using System;
using Knobs.Cuda.Convolution;
using Knobs.Tensors.Backends;

namespace Knobs.Cuda.Bench;

/// <summary>Runs one convolution on the GPU from host fp32 arrays: fp16 cases convert on the device (the f2h/h2f kernels).</summary>
internal sealed class GpuRunner(CudaDevice device, CudaConvolution conv)
{
    public float[] Run(in ConvShape s, in ConvApproxParams knob, CudaPrecision precision, float[] x, float[] w)
    {
        bool half = precision == CudaPrecision.Float16;
        var y = new float[s.OutputLength];
        using DeviceBuffer x32 = device.Allocate(x.Length * 4L), w32 = device.Allocate(w.Length * 4L), y32 = device.Allocate(y.Length * 4L);
        x32.Upload<float>(x);
        w32.Upload<float>(w);
        if (!half)
        {
            conv.Forward(s, knob, precision, x32, w32, y32);
        }
        else
        {
            using DeviceBuffer x16 = device.Allocate(x.Length * 2L), w16 = device.Allocate(w.Length * 2L), y16 = device.Allocate(y.Length * 2L);
            CudaConvert.FloatToHalf(device, x32, x16, x.Length);
            CudaConvert.FloatToHalf(device, w32, w16, w.Length);
            conv.Forward(s, knob, precision, x16, w16, y16);
            CudaConvert.HalfToFloat(device, y16, y32, y.Length);
        }
        y32.Download<float>(y);
        return y;
    }

    /// <summary>The CPU Reference backend's answer (for fp16: operands rounded to half, result rounded to half, as the CPU Half ops).</summary>
    public static float[] Reference(in ConvShape s, in ConvApproxParams knob, bool half, float[] x, float[] w)
    {
        var y = new float[s.OutputLength];
        var reference = new Knobs.Tensors.Backends.Reference.ReferenceBackend();
        reference.Convolution(s, knob, half ? RoundToHalf(x) : x, half ? RoundToHalf(w) : w, y);
        return half ? RoundToHalf(y) : y;
    }

    public static float[] RoundToHalf(float[] v) => Array.ConvertAll(v, f => (float)(Half)f);
}
