using System;
using System.Collections.Generic;

namespace Knobs.Tensors.Backends.Cpu;

public sealed partial class CpuBackend
{
    private readonly Dictionary<(int K, int N), GemmPlan> _gemmPlans = new();

    /// <inheritdoc/>
    public unsafe void Gemm(int m, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
    {
        if (m == 0 || n == 0) return;
        if (k == 0) { c.Slice(0, m * n).Clear(); return; }
        if (!_gemmPlans.TryGetValue((k, n), out GemmPlan? plan))
        {
            if (_gemmPlans.Count >= 64) _gemmPlans.Clear();
            _gemmPlans[(k, n)] = plan = new GemmPlan(k, n);
        }
        float* aPacked = _gemm.APackBuffer(m, k);
        fixed (float* pa = a, pb = b, pc = c)
        fixed (int* rowOff = plan.RowOff, colOff = plan.ColOff)
        fixed (byte* kinds = plan.ChunkKind, direct = plan.ChunkDirect)
        {
            var prep = new PrepContext { Weights = pa, M = m, K = k, Lda = k, Scale = 1f, APacked = aPacked };
            _pool.Run(&Prepare, &prep, Workers(GemmEngine.PaddedRows(m) / MicroKernels.MR));
            var problem = new GemmProblem
            {
                M = m, K = k, Cols = n, Src = pb, RowOff = rowOff, ColOff = colOff, ChunkKind = kinds,
                Dst = pc, COff = colOff, ChunkDirect = direct, Ldc = n,
            };
            _gemm.Compute(problem, aPacked, _threads);
        }
    }
}
