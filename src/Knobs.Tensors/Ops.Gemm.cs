using Knobs.Tensors.Backends;
using static Knobs.Tensors.Check;

namespace Knobs.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Fully connected layer (HPVM <c>tensorGemmGPU</c>, kind "mul"): x [N, …] is flattened to [N, in], w is in×out
    /// (shape [in, out] or HPVM's [1, 1, in, out]); the output is [N, out, 1, 1].
    /// </summary>
    [TensorOp("mul", Half = nameof(HalfGemm))]
    public static Tensor Gemm(Tensor x, Tensor w) => MatMul(nameof(Gemm), x, w, half: false);

    /// <summary>fp16 <see cref="Gemm"/>. HPVM <c>tensorHalfGemmGPU</c>.</summary>
    [TensorOp("mul", IsHalf = true)]
    public static Tensor HalfGemm(Tensor x, Tensor w) => MatMul(nameof(HalfGemm), x, w, half: true);

    private static Tensor MatMul(string op, Tensor x, Tensor w, bool half)
    {
        NotNull(op, x, "input");
        NotNull(op, w, "weights");
        if (x.Rank < 2) throw new TensorOpException(op, $"the input must have a batch dimension and features (rank ≥ 2); got {x.Describe()}.");
        if (w.Rank < 2) throw new TensorOpException(op, $"the weights must be in×out (rank ≥ 2); got {w.Describe()}.");
        for (int d = 0; d < w.Rank - 2; d++)
        {
            if (w.Dim(d) != 1) throw new TensorOpException(op, $"the weights must be [in, out] or [1, 1, in, out]; got {w.Describe()}.");
        }
        int m = x.Dim(0), k = x.Length / m, inputs = w.Dim(w.Rank - 2), n = w.Dim(w.Rank - 1);
        if (k != inputs)
            throw new TensorOpException(op,
                $"the input has {I(k)} features per batch item but the weights expect {I(inputs)} (input {x.Describe()}, weights {w.Describe()}).");
        if (OpFeatureLog.IsRecording) OpFeatureLog.Add(OpFeatures.Gemm(op, m, k, n, x.Shape, w.Shape, half));
        TensorContext ctx = TensorContext.Current;
        using BackendLease lease = BackendLease.Acquire(ctx.Backend);
        IBackend backend = lease.Backend;
        if (backend is IDeviceKernels device) return DeviceOps.Gemm(device, m, n, k, x, w, half);
        var result = new Result(half, [m, n, 1, 1], backend);
        using (Operand a = Operand.Read(x, half, backend))
        using (Operand b = Operand.Read(w, half, backend, weight: true))
        {
            backend.Gemm(m, n, k, a.Span, b.Span, result.Span);
        }
        return result.Finish(backend);
    }
}
