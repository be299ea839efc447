using System;
using System.Runtime.InteropServices;

namespace Knobs.Tensors.Backends.Cpu;

public sealed partial class CpuBackend
{
    // Column perforation (see ColumnClasses): one de-interleaved copy of the input, one GEMM per kept column class into the
    // class's block of the compact planes, then the expansion that writes and fills the full output.
    private unsafe void ColumnClassConvolution(in ConvShape s, ConvPlan plan, ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y)
    {
        ColumnClasses classes = plan.Classes!;
        int kpg = s.KPerGroup, kRows = plan.RowOff.Length, filterLen = s.CPerGroup * s.KH * s.KW;
        float* copy = _padded.Get<float>(classes.CopyLength);
        float* compact = _compact.Get<float>((long)s.N * s.K * classes.PositionsPerImage + PerforationExpand.Slack);
        float* aPacked = FilterPack(s, plan.Approx, kRows, out bool packNow, out long groupStride, out PackedFilter? fresh, out object? keepAlive);
        GCHandle classHandle = GCHandle.Alloc(classes), expandHandle = GCHandle.Alloc(plan.Expand);
        try
        {
            fixed (float* px = x, pw = w, py = y)
            {
                for (int g = 0; g < s.Groups; g++)
                {
                    var prep = new PrepContext
                    {
                        X = px, Padded = g == 0 ? copy : null, Planes = s.N * s.C, H = s.H, W = s.W, PadH = plan.PadH, PadW = plan.PadW,
                        Weights = pw + (long)g * kpg * filterLen, M = kpg, K = kRows, Lda = filterLen, KIndex = null, Scale = 1f,
                        APacked = packNow ? aPacked + g * groupStride : null, Classes = g == 0 ? GCHandle.ToIntPtr(classHandle) : IntPtr.Zero, Isa = _isa,
                    };
                    long copyWork = g == 0 ? classes.CopyLength : 0;
                    _pool.Run(&Prepare, &prep, copyWork + (long)kpg * kRows < SmallWork ? 1 : Workers(s.N * s.C));
                    for (int c = 0; c < classes.Counts.Length; c++)
                    {
                        PermuteChunks permute = classes.Permute[c];
                        fixed (int* rowOff = classes.RowOff[c], colOff = classes.ColOff[c], cOff = classes.COff[c])
                        fixed (byte* kinds = classes.ChunkKind[c], direct = classes.ChunkDirect[c])
                        fixed (int* permOffsets = permute.Offsets, permIndex = permute.Index)
                        fixed (ushort* permMasks = permute.Masks)
                        {
                            var problem = new GemmProblem
                            {
                                M = kpg, K = kRows, Cols = classes.ColOff[c].Length,
                                Src = copy + g * s.CPerGroup * classes.PlaneLength[c],
                                RowOff = rowOff, ColOff = colOff, ChunkKind = kinds,
                                Dst = compact + (long)g * kpg * classes.PositionsPerImage, COff = cOff, ChunkDirect = direct,
                                Ldc = classes.PositionsPerImage, AllowInPlace = true,
                                PermOffsets = permOffsets, PermIndex = permIndex, PermMasks = permMasks,
                            };
                            _gemm.Compute(problem, aPacked + g * groupStride, _threads);
                        }
                    }
                }
                if (fresh != null) _filterSlot!.Publish(fresh);
                GC.KeepAlive(keepAlive);
                var expand = new ExpandContext { Expand = GCHandle.ToIntPtr(expandHandle), Compact = compact, Output = py, Planes = s.N * s.K, Isa = _isa };
                _pool.Run(&ExpandPlanes, &expand, s.OutputLength < SmallWork ? 1 : Workers(s.N * s.K));
            }
        }
        finally
        {
            classHandle.Free();
            expandHandle.Free();
        }
    }
}
