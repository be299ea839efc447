using System;

namespace Knobs.Cuda;

/// <summary>The precision conversions (HPVM's f2h / h2f events) as device kernels on the device's stream.</summary>
public static class CudaConvert
{
    /// <summary>y (fp16, <paramref name="count"/> values) = x (fp32) rounded to nearest even.</summary>
    public static void FloatToHalf(CudaDevice device, DeviceBuffer x, DeviceBuffer y, long count)
    {
        Check(device, x, 4 * count, y, 2 * count);
        HpvmKernels.FloatToHalf(device, x.Pointer, y.Pointer, count);
    }

    /// <summary>y (fp32) = x (fp16), exactly.</summary>
    public static void HalfToFloat(CudaDevice device, DeviceBuffer x, DeviceBuffer y, long count)
    {
        Check(device, x, 2 * count, y, 4 * count);
        HpvmKernels.HalfToFloat(device, x.Pointer, y.Pointer, count);
    }

    private static void Check(CudaDevice device, DeviceBuffer x, long xBytes, DeviceBuffer y, long yBytes)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Bytes < xBytes || y.Bytes < yBytes)
            throw new ArgumentException($"A conversion of {xBytes} to {yBytes} bytes does not fit buffers of {x.Bytes} and {y.Bytes} bytes.");
        device.MakeCurrent();
    }
}
