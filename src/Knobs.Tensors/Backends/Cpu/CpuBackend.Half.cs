using System;
using System.Runtime.CompilerServices;

namespace Knobs.Tensors.Backends.Cpu;

// Conversions are memory-bound like the elementwise ops: one SIMD pass, split over the worker threads for tensors large
// enough that waking a worker pays, on 64-element boundaries so every worker but the last runs whole vectors.
public sealed partial class CpuBackend
{
    private unsafe struct ConvertContext
    {
        public bool ToHalf;
        public CpuIsa Isa;
        public float* F32;
        public ushort* F16;
        public long Length;
    }

    /// <inheritdoc/>
    public unsafe void FloatToHalf(ReadOnlySpan<float> x, Span<Half> y)
    {
        fixed (float* px = x)
        fixed (Half* py = y)
        {
            var ctx = new ConvertContext { ToHalf = true, Isa = _isa, F32 = px, F16 = (ushort*)py, Length = y.Length };
            RunConvert(&ctx);
        }
    }

    /// <inheritdoc/>
    public unsafe void HalfToFloat(ReadOnlySpan<Half> x, Span<float> y)
    {
        fixed (Half* px = x)
        fixed (float* py = y)
        {
            var ctx = new ConvertContext { ToHalf = false, Isa = _isa, F32 = py, F16 = (ushort*)px, Length = y.Length };
            RunConvert(&ctx);
        }
    }

    private unsafe void RunConvert(ConvertContext* ctx) =>
        _pool.Run(&ConvertWorker, ctx, ctx->Length < ParallelElements ? 1 : Workers((int)Math.Min(int.MaxValue, ctx->Length / 64)));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ConvertWorker(void* context, int worker, int workers)
    {
        var c = (ConvertContext*)context;
        long blocks = (c->Length + 63) / 64;
        long start = Math.Min(c->Length, blocks * worker / workers * 64), end = Math.Min(c->Length, blocks * (worker + 1) / workers * 64);
        int n = (int)(end - start);
        if (c->ToHalf) HalfConversion.ToHalf(c->F32 + start, c->F16 + start, n, c->Isa);
        else HalfConversion.ToFloat(c->F16 + start, c->F32 + start, n, c->Isa);
    }
}
