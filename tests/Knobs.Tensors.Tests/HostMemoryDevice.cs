using System;
using Knobs.Tensors.Backends;
using Knobs.Tensors.Backends.Reference;

namespace Knobs.Tensors.Tests;

/// <summary>
/// A device backend whose "device memory" is host arrays in a domain of its own: the <see cref="IDeviceKernels"/> path of
/// the ops runs on it without a GPU. Its kernels are the Reference backend's; on Float16 operands they widen, compute in
/// fp32 and round the result to half, which is the Reference backend's Half semantics, so results must match it bit for bit.
/// It counts the device values alive, so tests see them given back.
/// </summary>
internal sealed class HostMemoryDevice : BackendBase, IDeviceKernels
{
    private readonly ReferenceBackend _reference = new();

    public HostMemoryDevice(string name = "test-device") => Storage = new StorageDomain(name);

    public override string Name => "HostMemoryDevice";

    public override BackendCapabilities Capabilities { get; } = new(NativeHalf: true, FusedEpilogues: false, DeviceMemory: true);

    public override StorageDomain Storage { get; }

    /// <summary>Device values made and not yet disposed.</summary>
    public int Alive { get; private set; }

    public int Synchronizations { get; private set; }

    public DeviceValues Allocate(DType dtype, int length) => new Values(this, dtype, length);

    public DeviceValues Upload(ReadOnlySpan<float> values)
    {
        var v = new Values(this, DType.Float32, values.Length);
        values.CopyTo(v.F32);
        return v;
    }

    public DeviceValues Upload(ReadOnlySpan<Half> values)
    {
        var v = new Values(this, DType.Float16, values.Length);
        values.CopyTo(v.F16);
        return v;
    }

    public void Synchronize() => Synchronizations++;

    public void Convert(DeviceValues x, DeviceValues y)
    {
        Values a = V(x), b = V(y);
        if (a.DType == DType.Float32) _reference.FloatToHalf(a.F32, b.F16);
        else _reference.HalfToFloat(a.F16, b.F32);
    }

    public void Copy(DeviceValues x, DeviceValues y)
    {
        Values a = V(x), b = V(y);
        if (a.DType == DType.Float32) a.F32.CopyTo(b.F32);
        else a.F16.CopyTo(b.F16);
    }

    public void Convolution(in ConvShape s, in ConvApproxParams a, DeviceValues x, DeviceValues w, DeviceValues y)
    {
        ConvShape shape = s;
        ConvApproxParams knob = a;
        Compute(y, (o, i) => _reference.Convolution(shape, knob, i[0], i[1], o), x, w);
    }

    public void Gemm(int m, int n, int k, DeviceValues a, DeviceValues b, DeviceValues c) => Compute(c, (o, i) => _reference.Gemm(m, n, k, i[0], i[1], o), a, b);

    public void Add(DeviceValues x, DeviceValues y, DeviceValues z) => Compute(z, (o, i) => _reference.Add(i[0], i[1], o), x, y);

    public void AddBias(int n, int c, int hw, DeviceValues x, DeviceValues bias, DeviceValues y) =>
        Compute(y, (o, i) => _reference.AddBias(n, c, hw, i[0], i[1], o), x, bias);

    public void Relu(DeviceValues x, DeviceValues y) => Compute(y, (o, i) => _reference.Relu(i[0], o), x);

    public void ClippedRelu(DeviceValues x, float max, DeviceValues y) => Compute(y, (o, i) => _reference.ClippedRelu(i[0], max, o), x);

    public void Tanh(DeviceValues x, DeviceValues y) => Compute(y, (o, i) => _reference.Tanh(i[0], o), x);

    public void Pooling(in PoolShape s, PoolKind kind, DeviceValues x, DeviceValues y)
    {
        PoolShape shape = s;
        Compute(y, (o, i) => _reference.Pooling(shape, kind, i[0], o), x);
    }

    public void BatchNorm(int n, int c, int hw, DeviceValues x, DeviceValues gamma, DeviceValues beta, DeviceValues mean, DeviceValues variance,
        float eps, DeviceValues y) =>
        Compute(y, (o, i) => _reference.BatchNorm(n, c, hw, i[0], i[1], i[2], i[3], i[4], eps, o), x, gamma, beta, mean, variance);

    public void Softmax(int rows, int cols, DeviceValues x, DeviceValues y) => Compute(y, (o, i) => _reference.Softmax(rows, cols, i[0], o), x);

    private delegate void Kernel(Span<float> output, float[][] inputs);

    // Every operand and the output share a dtype (what the ops promise); half ones are widened, computed, rounded.
    private void Compute(DeviceValues output, Kernel kernel, params DeviceValues[] inputs)
    {
        Values o = V(output);
        foreach (DeviceValues i in inputs)
        {
            if (i.DType != o.DType) throw new InvalidOperationException($"operand {i.DType}, output {o.DType}");
        }
        float[][] wide = Array.ConvertAll(inputs, i => V(i).Widened());
        if (o.DType == DType.Float32) kernel(o.F32, wide);
        else
        {
            var result = new float[o.Length];
            kernel(result, wide);
            _reference.FloatToHalf(result, o.F16);
        }
    }

    private Values V(DeviceValues v) => v is Values h && ReferenceEquals(h.Domain, Storage) ? h : throw new ArgumentException("not this device's values");

    private sealed class Values : DeviceValues
    {
        private readonly HostMemoryDevice _owner;
        private bool _disposed;

        public Values(HostMemoryDevice owner, DType dtype, int length) : base(owner.Storage, dtype, length)
        {
            _owner = owner;
            if (dtype == DType.Float32) F32 = new float[length];
            else F16 = new Half[length];
            owner.Alive++;
        }

        public float[] F32 { get; } = [];

        public Half[] F16 { get; } = [];

        public float[] Widened() => DType == DType.Float32 ? F32 : Array.ConvertAll(F16, h => (float)h);

        public override void Download(Span<float> destination) => F32.AsSpan().CopyTo(destination);

        public override void Download(Span<Half> destination) => F16.AsSpan().CopyTo(destination);

        public override void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _owner.Alive--;
        }
    }
}
