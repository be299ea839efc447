using Knobs.Tensors.Backends;
using static Knobs.Tensors.Check;

namespace Knobs.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Addition (HPVM <c>tensorAdd</c>): elementwise when y has x's shape; a per-channel bias when y has one value per
    /// channel of x (shape [C] or [1, C, 1, 1]).
    /// </summary>
    [TensorOp("add", Half = nameof(HalfAdd))]
    public static Tensor Add(Tensor x, Tensor y) => Sum(nameof(Add), x, y, half: false);

    /// <summary>fp16 <see cref="Add"/>. HPVM <c>tensorHalfAdd</c>.</summary>
    [TensorOp("add", IsHalf = true)]
    public static Tensor HalfAdd(Tensor x, Tensor y) => Sum(nameof(HalfAdd), x, y, half: true);

    /// <summary>max(x, 0). HPVM <c>tensorRelu</c>.</summary>
    [TensorOp("relu", Half = nameof(HalfRelu))]
    public static Tensor Relu(Tensor x)
    {
        NotNull(nameof(Relu), x, "input");
        if (OpFeatureLog.IsRecording) OpFeatureLog.Add(OpFeatures.Elementwise(nameof(Relu), false, 1, x.Shape, x));
        TensorContext ctx = TensorContext.Current;
        return FuseRelu(ctx, x, half: false) ?? Unary(ctx, nameof(Relu), x, half: false, static (b, s, d) => b.Relu(s, d), static (k, s, d) => k.Relu(s, d));
    }

    /// <summary>fp16 <see cref="Relu"/>.</summary>
    [TensorOp("relu", IsHalf = true)]
    public static Tensor HalfRelu(Tensor x) =>
        Unary(TensorContext.Current, nameof(HalfRelu), x, half: true, static (b, s, d) => b.Relu(s, d), static (k, s, d) => k.Relu(s, d));

    /// <summary>min(max(x, 0), max) (HPVM <c>tensorRelu2</c>); <paramref name="max"/> must be a non-negative number.</summary>
    [TensorOp("clipped_relu", Half = nameof(HalfClippedRelu))]
    public static Tensor ClippedRelu(Tensor x, float max) => Clipped(nameof(ClippedRelu), x, max, half: false);

    /// <summary>fp16 <see cref="ClippedRelu"/>.</summary>
    [TensorOp("clipped_relu", IsHalf = true)]
    public static Tensor HalfClippedRelu(Tensor x, float max) => Clipped(nameof(HalfClippedRelu), x, max, half: true);

    /// <summary>tanh(x). HPVM <c>tensorTanh</c>.</summary>
    [TensorOp("tanh", Half = nameof(HalfTanh))]
    public static Tensor Tanh(Tensor x) =>
        Unary(TensorContext.Current, nameof(Tanh), x, half: false, static (b, s, d) => b.Tanh(s, d), static (k, s, d) => k.Tanh(s, d));

    /// <summary>fp16 <see cref="Tanh"/>.</summary>
    [TensorOp("tanh", IsHalf = true)]
    public static Tensor HalfTanh(Tensor x) =>
        Unary(TensorContext.Current, nameof(HalfTanh), x, half: true, static (b, s, d) => b.Tanh(s, d), static (k, s, d) => k.Tanh(s, d));

    private delegate void Kernel(IBackend backend, System.ReadOnlySpan<float> src, System.Span<float> dst);

    private static Tensor Unary(TensorContext ctx, string op, Tensor x, bool half, Kernel kernel,
        System.Action<IDeviceKernels, DeviceValues, DeviceValues> deviceKernel)
    {
        NotNull(op, x, "input");
        if (OpFeatureLog.IsRecording) OpFeatureLog.Add(OpFeatures.Elementwise(op, half, 1, x.Shape, x));
        using BackendLease lease = BackendLease.Acquire(ctx.Backend);
        IBackend backend = lease.Backend;
        if (backend is IDeviceKernels device) return DeviceOps.Unary(device, x, half, deviceKernel);
        var result = new Result(half, x.Shape, backend);
        using (Operand a = Operand.Read(x, half, backend)) kernel(backend, a.Span, result.Span);
        return result.Finish(backend);
    }

    private static Tensor Clipped(string op, Tensor x, float max, bool half)
    {
        NotNull(op, x, "input");
        if (!(max >= 0f)) throw new TensorOpException(op, $"max must be a non-negative number; got {F(max)}.");
        if (OpFeatureLog.IsRecording) OpFeatureLog.Add(OpFeatures.Elementwise(op, half, 1, x.Shape, x));
        TensorContext ctx = TensorContext.Current;
        using BackendLease lease = BackendLease.Acquire(ctx.Backend);
        IBackend backend = lease.Backend;
        if (backend is IDeviceKernels device) return DeviceOps.Unary(device, x, half, (k, s, d) => k.ClippedRelu(s, max, d));
        var result = new Result(half, x.Shape, backend);
        using (Operand a = Operand.Read(x, half, backend)) backend.ClippedRelu(a.Span, max, result.Span);
        return result.Finish(backend);
    }

    private static Tensor Sum(string op, Tensor x, Tensor y, bool half)
    {
        NotNull(op, x, "input");
        NotNull(op, y, "addend");
        bool sameShape = System.MemoryExtensions.SequenceEqual<int>(x.Shape, y.Shape);
        bool channelVector = x.Rank >= 2 && y.Length == x.Dim(1) && IsChannelVector(y);
        bool bias = !sameShape && channelVector;
        if (!sameShape && !bias)
            throw new TensorOpException(op,
                $"the addend must have the input's shape or one value per channel ([C] or [1, C, 1, 1]); got input {x.Describe()}, addend {y.Describe()}.");
        if (OpFeatureLog.IsRecording) OpFeatureLog.Add(OpFeatures.Elementwise(op, half, 1, x.Shape, x, y));
        TensorContext ctx = TensorContext.Current;
        if (FuseAdd(ctx, x, y, bias, half) is { } fused) return fused;
        using BackendLease lease = BackendLease.Acquire(ctx.Backend);
        IBackend backend = lease.Backend;
        if (backend is IDeviceKernels device) return DeviceOps.Sum(device, x, y, sameShape, channelVector, half);
        var result = new Result(half, x.Shape, backend);
        using (Operand a = Operand.Read(x, half, backend))
        // A one-value-per-channel addend is a bias parameter even when it has x's shape ([1, C, 1, 1] at batch 1):
        // its conversion is cached like any weight's (caching a fresh activation's conversion is harmless).
        using (Operand b = Operand.Read(y, half, backend, weight: channelVector))
        {
            if (sameShape) backend.Add(a.Span, b.Span, result.Span);
            else
            {
                int n = x.Dim(0), c = x.Dim(1);
                backend.AddBias(n, c, x.Length / (n * c), a.Span, b.Span, result.Span);
            }
        }
        return result.Finish(backend);
    }

    // [C], or any shape whose only non-1 dimension is the channel axis (index 1 of rank ≥ 2).
    private static bool IsChannelVector(Tensor y)
    {
        if (y.Rank == 1) return true;
        for (int d = 0; d < y.Rank; d++)
        {
            if (d != 1 && y.Dim(d) != 1) return false;
        }
        return true;
    }
}
