using System;

namespace Knobs.Tensors.Backends;

/// <summary>
/// The kernel contract of a backend that computes in memory of its own (a GPU): the <see cref="IBackend"/> kernels,
/// on <see cref="DeviceValues"/> instead of host spans, in either precision. <c>Ops</c> validates every argument,
/// allocates outputs with <see cref="Allocate"/> and hands a kernel operands of the op's precision (a Half op's
/// operands are Float16, converted on the device where a tensor is Float32; an fp32 op's are Float32): each kernel
/// computes in the dtype of its operands, so a Half op runs in half arithmetic. Kernels may run asynchronously, in
/// one order (a stream); <see cref="DeviceValues.Download(Span{float})"/> and <see cref="Synchronize"/> wait for
/// them. Ops never call one instance from two threads at once.
/// </summary>
public interface IDeviceKernels
{
    /// <summary>The memory the values live in (the backend's <see cref="IBackend.Storage"/>).</summary>
    StorageDomain Storage { get; }

    /// <summary>Uninitialised values of <paramref name="length"/> elements.</summary>
    DeviceValues Allocate(DType dtype, int length);

    /// <summary>A device copy of host values (the caller counts it as a transition).</summary>
    DeviceValues Upload(ReadOnlySpan<float> values);

    /// <summary>A device copy of host values (the caller counts it as a transition).</summary>
    DeviceValues Upload(ReadOnlySpan<Half> values);

    /// <summary>Waits until every kernel queued so far has finished.</summary>
    void Synchronize();

    /// <summary>y = x converted to y's dtype (fp32 → fp16 rounds to nearest even; fp16 → fp32 is exact); equal lengths.</summary>
    void Convert(DeviceValues x, DeviceValues y);

    /// <summary>y = x (same dtype and length).</summary>
    void Copy(DeviceValues x, DeviceValues y);

    /// <summary>The convolution of <see cref="IBackend.Convolution(in ConvShape, in ConvApproxParams, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>.</summary>
    void Convolution(in ConvShape s, in ConvApproxParams a, DeviceValues x, DeviceValues w, DeviceValues y);

    /// <summary>Row-major c[m, n] = a[m, k] · b[k, n].</summary>
    void Gemm(int m, int n, int k, DeviceValues a, DeviceValues b, DeviceValues c);

    /// <summary>z = x + y elementwise.</summary>
    void Add(DeviceValues x, DeviceValues y, DeviceValues z);

    /// <summary>y[n, c, i] = x[n, c, i] + bias[c].</summary>
    void AddBias(int n, int c, int hw, DeviceValues x, DeviceValues bias, DeviceValues y);

    /// <summary>y = max(x, 0); NaN stays NaN.</summary>
    void Relu(DeviceValues x, DeviceValues y);

    /// <summary>y = min(max(x, 0), max); NaN stays NaN.</summary>
    void ClippedRelu(DeviceValues x, float max, DeviceValues y);

    /// <summary>y = tanh(x).</summary>
    void Tanh(DeviceValues x, DeviceValues y);

    /// <summary>The pooling of <see cref="IBackend.Pooling"/>.</summary>
    void Pooling(in PoolShape s, PoolKind kind, DeviceValues x, DeviceValues y);

    /// <summary>The inference batch norm of <see cref="IBackend.BatchNorm"/>.</summary>
    void BatchNorm(int n, int c, int hw, DeviceValues x, DeviceValues gamma, DeviceValues beta, DeviceValues mean, DeviceValues variance,
        float eps, DeviceValues y);

    /// <summary>The softmax of <see cref="IBackend.Softmax"/> (Float32 only).</summary>
    void Softmax(int rows, int cols, DeviceValues x, DeviceValues y);
}
