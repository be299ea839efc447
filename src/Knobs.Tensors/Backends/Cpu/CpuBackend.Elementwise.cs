using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Knobs.Tensors.Backends.Cpu;

// Elementwise ops are memory-bound (tanh aside): one Vector256 pass in the Reference backend's arithmetic order, so
// results agree bit for bit where no transcendental is involved, split over the worker threads when the tensor is
// large enough that waking a worker pays (a network's activations at batch 16 are 0.25–4 MiB). The workers are reached
// through function pointers, where tiered compilation left them at tier 0 (unoptimised code, several times slower for
// these loops), so they are compiled fully optimized from the start.
public sealed partial class CpuBackend
{
    // Below this many elements one thread does the whole op: waking a worker costs more than it saves.
    private const long ParallelElements = 1 << 16;

    private enum MapKind { Add, ClippedRelu, Tanh, AddBias, BatchNorm }

    private unsafe struct MapContext
    {
        public MapKind Kind;
        public CpuIsa Isa;
        public float* X, Y, Z;
        public long Length;
        public float Max;
        // Per-plane ops: planes of Hw elements, channel = plane % C; Y holds the per-channel scale, Z the shift.
        public int Planes, C, Hw;
        public float* Scale, Shift;
    }

    /// <inheritdoc/>
    public unsafe void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z)
    {
        fixed (float* px = x, py = y, pz = z)
        {
            var ctx = new MapContext { Kind = MapKind.Add, X = px, Y = py, Z = pz, Length = z.Length };
            RunMap(&ctx);
        }
    }

    /// <inheritdoc/>
    public unsafe void AddBias(int n, int c, int hw, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y)
    {
        fixed (float* px = x, pb = bias, py = y)
        {
            var ctx = new MapContext { Kind = MapKind.AddBias, X = px, Z = py, Shift = pb, Planes = n * c, C = c, Hw = hw, Length = (long)n * c * hw };
            RunMap(&ctx);
        }
    }

    /// <inheritdoc/>
    public void Relu(ReadOnlySpan<float> x, Span<float> y) => ClippedRelu(x, float.PositiveInfinity, y);

    /// <inheritdoc/>
    public unsafe void ClippedRelu(ReadOnlySpan<float> x, float max, Span<float> y)
    {
        fixed (float* px = x, py = y)
        {
            var ctx = new MapContext { Kind = MapKind.ClippedRelu, X = px, Z = py, Length = y.Length, Max = max };
            RunMap(&ctx);
        }
    }

    /// <inheritdoc/>
    public unsafe void Tanh(ReadOnlySpan<float> x, Span<float> y)
    {
        fixed (float* px = x, py = y)
        {
            var ctx = new MapContext { Kind = MapKind.Tanh, Isa = _isa, X = px, Z = py, Length = y.Length };
            RunMap(&ctx);
        }
    }

    /// <inheritdoc/>
    public unsafe void BatchNorm(int n, int c, int hw, ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> variance, float eps, Span<float> y)
    {
        // Per channel: g, m, 1/sqrt(var + eps), b, applied as g * (x − m) * inv + b (the Reference order).
        Span<float> folded = c <= 1024 ? stackalloc float[4 * c] : new float[4 * c];
        for (int ch = 0; ch < c; ch++)
        {
            folded[4 * ch] = gamma[ch];
            folded[4 * ch + 1] = mean[ch];
            folded[4 * ch + 2] = 1f / MathF.Sqrt(variance[ch] + eps);
            folded[4 * ch + 3] = beta[ch];
        }
        fixed (float* px = x, py = y, pf = folded)
        {
            var ctx = new MapContext { Kind = MapKind.BatchNorm, X = px, Z = py, Scale = pf, Planes = n * c, C = c, Hw = hw, Length = (long)n * c * hw };
            RunMap(&ctx);
        }
    }

    /// <inheritdoc/>
    /// <remarks>This backend's softmax kernel is the plain loop (softmax runs once per network, on a few values).</remarks>
    public void Softmax(int rows, int cols, ReadOnlySpan<float> x, Span<float> y) => ReferenceKernels.Softmax(rows, cols, x, y);

    private unsafe void RunMap(MapContext* ctx)
    {
        int items = ctx->Kind is MapKind.AddBias or MapKind.BatchNorm ? ctx->Planes : (int)Math.Min(int.MaxValue, ctx->Length / 64);
        int workers = ctx->Length < ParallelElements ? 1 : Workers(items);
        _pool.Run(&MapWorker, ctx, workers);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void MapWorker(void* context, int worker, int workers)
    {
        var c = (MapContext*)context;
        if (c->Kind is MapKind.AddBias or MapKind.BatchNorm)
        {
            (int p0, int p1) = Split(c->Planes, worker, workers);
            for (int p = p0; p < p1; p++) MapPlane(c, p);
            return;
        }
        // Split on 64-element boundaries so every worker but the last runs whole vectors.
        long blocks = (c->Length + 63) / 64;
        long start = Math.Min(c->Length, blocks * worker / workers * 64), end = Math.Min(c->Length, blocks * (worker + 1) / workers * 64);
        switch (c->Kind)
        {
            case MapKind.Add: AddRange(c->X, c->Y, c->Z, start, end); break;
            case MapKind.ClippedRelu: ClippedReluRange(c->X, c->Max, c->Z, start, end); break;
            default: VectorTanh.Apply(c->Isa, c->X, c->Z, start, end); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void AddRange(float* x, float* y, float* z, long start, long end)
    {
        long i = start;
        for (; i + 8 <= end; i += 8) (Vector256.Load(x + i) + Vector256.Load(y + i)).Store(z + i);
        for (; i < end; i++) z[i] = x[i] + y[i];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ClippedReluRange(float* x, float max, float* y, long start, long end)
    {
        long i = start;
        Vector256<float> zero = Vector256<float>.Zero, top = Vector256.Create(max);
        for (; i + 8 <= end; i += 8)
        {
            Vector256<float> v = Vector256.Load(x + i);
            Vector256<float> r = Vector256.ConditionalSelect(Vector256.LessThan(v, zero), zero, v);
            r = Vector256.ConditionalSelect(Vector256.GreaterThan(r, top), top, r);
            Vector256.ConditionalSelect(Vector256.Equals(v, v), r, v).Store(y + i); // NaN stays NaN
        }
        for (; i < end; i++)
        {
            float v = x[i];
            y[i] = float.IsNaN(v) ? v : v < 0f ? 0f : v > max ? max : v;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void MapPlane(MapContext* c, int plane)
    {
        int hw = c->Hw, ch = plane % c->C, i = 0;
        float* s = c->X + (long)plane * hw, d = c->Z + (long)plane * hw;
        if (c->Kind == MapKind.AddBias)
        {
            float b = c->Shift[ch];
            var vb = Vector256.Create(b);
            for (; i + 8 <= hw; i += 8) (Vector256.Load(s + i) + vb).Store(d + i);
            for (; i < hw; i++) d[i] = s[i] + b;
            return;
        }
        float* f = c->Scale + 4 * ch;
        float g = f[0], m = f[1], inv = f[2], beta = f[3];
        Vector256<float> vg = Vector256.Create(g), vm = Vector256.Create(m), vi = Vector256.Create(inv), vbeta = Vector256.Create(beta);
        for (; i + 8 <= hw; i += 8) (vg * (Vector256.Load(s + i) - vm) * vi + vbeta).Store(d + i);
        for (; i < hw; i++) d[i] = g * (s[i] - m) * inv + beta;
    }
}
