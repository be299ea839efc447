using System;
using Knobs.Tensors.Backends;

namespace Knobs.Tensors;

/// <summary>
/// The ops' path on a backend with memory of its own (<see cref="IDeviceKernels"/>): operands are read as device values
/// at the op's precision and results stay on the device. A host tensor is uploaded once (an h2d transition, see
/// <see cref="Tensor.DeviceValuesIn"/>); a tensor of the other precision is converted on the device, as a counted event
/// (a weight once, an activation on every call). Conversions on a device run inside the op and are timed with it, so
/// only their count is added to <see cref="ConversionCounters"/>.
/// </summary>
internal static class DeviceOps
{
    /// <summary>An operand's device values; disposing gives back a conversion made for this call only.</summary>
    internal readonly struct DeviceOperand(DeviceValues values, bool owned) : IDisposable
    {
        public DeviceValues Values { get; } = values;

        public void Dispose()
        {
            if (owned) Values.Dispose();
        }
    }

    public static DeviceOperand Read(Tensor t, bool half, IDeviceKernels kernels, bool weight = false)
    {
        DeviceValues values = t.DeviceValuesIn(kernels);
        DType wanted = half ? DType.Float16 : DType.Float32;
        if (values.DType == wanted) return new DeviceOperand(values, owned: false);
        if (weight && t.DeviceConverted(kernels) is { } cached) return new DeviceOperand(cached, owned: false);
        DeviceValues converted = kernels.Allocate(wanted, t.Length);
        Convert(kernels, values, converted);
        if (!weight) return new DeviceOperand(converted, owned: true);
        t.KeepDeviceConverted(converted);
        return new DeviceOperand(converted, owned: false);
    }

    /// <summary>A result tensor on the device, of the op's precision.</summary>
    public static Tensor Result(IDeviceKernels kernels, bool half, int[] shape, out DeviceValues values)
    {
        values = kernels.Allocate(half ? DType.Float16 : DType.Float32, Tensor.ElementCount(shape));
        return Tensor.OnDevice(shape, values);
    }

    /// <summary>A precision change on the device: a counted event (f2h or h2f).</summary>
    public static void Convert(IDeviceKernels kernels, DeviceValues x, DeviceValues y)
    {
        kernels.Convert(x, y);
        if (y.DType == DType.Float16) ConversionCounters.F2HCount += y.Length;
        else ConversionCounters.H2FCount += y.Length;
    }

    public static Tensor Convolution(IDeviceKernels kernels, in ConvShape s, in ConvApproxParams a, Tensor x, Tensor w, bool half)
    {
        Tensor result = Result(kernels, half, [s.N, s.K, s.OutH, s.OutW], out DeviceValues y);
        using DeviceOperand input = Read(x, half, kernels);
        using DeviceOperand filter = Read(w, half, kernels, weight: true);
        kernels.Convolution(s, a, input.Values, filter.Values, y);
        return result;
    }

    public static Tensor Gemm(IDeviceKernels kernels, int m, int n, int k, Tensor x, Tensor w, bool half)
    {
        Tensor result = Result(kernels, half, [m, n, 1, 1], out DeviceValues c);
        using DeviceOperand a = Read(x, half, kernels);
        using DeviceOperand b = Read(w, half, kernels, weight: true);
        kernels.Gemm(m, n, k, a.Values, b.Values, c);
        return result;
    }

    public static Tensor Unary(IDeviceKernels kernels, Tensor x, bool half, Action<IDeviceKernels, DeviceValues, DeviceValues> kernel)
    {
        Tensor result = Result(kernels, half, x.Shape, out DeviceValues y);
        using DeviceOperand a = Read(x, half, kernels);
        kernel(kernels, a.Values, y);
        return result;
    }

    public static Tensor Sum(IDeviceKernels kernels, Tensor x, Tensor y, bool sameShape, bool channelVector, bool half)
    {
        Tensor result = Result(kernels, half, x.Shape, out DeviceValues z);
        using DeviceOperand a = Read(x, half, kernels);
        using DeviceOperand b = Read(y, half, kernels, weight: channelVector);
        if (sameShape) kernels.Add(a.Values, b.Values, z);
        else
        {
            int n = x.Dim(0), c = x.Dim(1);
            kernels.AddBias(n, c, x.Length / (n * c), a.Values, b.Values, z);
        }
        return result;
    }

    public static Tensor Pooling(IDeviceKernels kernels, in PoolShape s, PoolKind kind, Tensor x, bool half)
    {
        Tensor result = Result(kernels, half, [s.N, s.C, s.OutH, s.OutW], out DeviceValues y);
        using DeviceOperand a = Read(x, half, kernels);
        kernels.Pooling(s, kind, a.Values, y);
        return result;
    }

    public static Tensor BatchNorm(IDeviceKernels kernels, Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, float eps, bool half)
    {
        int n = x.Dim(0), c = x.Dim(1);
        Tensor result = Result(kernels, half, x.Shape, out DeviceValues y);
        using DeviceOperand a = Read(x, half, kernels);
        using DeviceOperand g = Read(gamma, half, kernels, weight: true);
        using DeviceOperand b = Read(beta, half, kernels, weight: true);
        using DeviceOperand m = Read(mean, half, kernels, weight: true);
        using DeviceOperand v = Read(variance, half, kernels, weight: true);
        kernels.BatchNorm(n, c, x.Length / (n * c), a.Values, g.Values, b.Values, m.Values, v.Values, eps, y);
        return result;
    }

    public static Tensor Softmax(IDeviceKernels kernels, Tensor x, int rows)
    {
        Tensor result = Result(kernels, half: false, x.Shape, out DeviceValues y);
        using DeviceOperand a = Read(x, half: false, kernels);
        kernels.Softmax(rows, x.Length / rows, a.Values, y);
        return result;
    }

    /// <summary>A same-dtype copy with another shape (flatten), or the same dtype and shape.</summary>
    public static Tensor Copy(IDeviceKernels kernels, Tensor x, int[] shape)
    {
        Tensor result = Result(kernels, x.DType == DType.Float16, shape, out DeviceValues y);
        kernels.Copy(x.DeviceValuesIn(kernels), y);
        return result;
    }

    /// <summary>x converted to the other precision on the device (a counted event).</summary>
    public static Tensor Converted(IDeviceKernels kernels, Tensor x, bool toHalf)
    {
        Tensor result = Result(kernels, toHalf, x.Shape, out DeviceValues y);
        Convert(kernels, x.DeviceValuesIn(kernels), y);
        return result;
    }
}
