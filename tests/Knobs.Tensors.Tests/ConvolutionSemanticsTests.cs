using System;
using System.Collections.Generic;
using System.Linq;

namespace Knobs.Tensors.Tests;

/// <summary>The approximate-convolution semantics of docs/tensors.md checked directly on every backend (beyond the HPVM golden cases).</summary>
public sealed class ConvolutionSemanticsTests
{
    public static IEnumerable<object[]> Backends() => BackendCases.All();

    private static float[] Conv(string backend, Func<Tensor, Tensor, Tensor> op, int[] xs, int[] ws)
        => BackendCases.With(backend, () =>
        {
            using Tensor x = Tensor.Random(xs, seed: 5), w = Tensor.Random(ws, seed: 6);
            using Tensor y = op(x, w);
            return y.ToArray();
        });

    [Theory]
    [MemberData(nameof(Backends))]
    public void RowPerforationKeepsComputedRowsExactAndInterpolatesSkippedOnes(string backend)
    {
        // Output 7×5 per plane; rate 3 offset 1 skips rows 1 and 4 (means of neighbours) and 7 would be beyond.
        int[] xs = [2, 3, 7, 5], ws = [2, 3, 3, 3];
        float[] exact = Conv(backend, (x, w) => Ops.Convolution(x, w, 1, 1, 1, 1), xs, ws);
        float[] perf = Conv(backend, (x, w) => Ops.ConvApprox(x, w, 1, 1, 1, 1, 3, 1, 1, 1), xs, ws);
        for (int plane = 0; plane < 4; plane++)
            for (int r = 0; r < 7; r++)
                for (int c = 0; c < 5; c++)
                {
                    float At(float[] a, int row) => a[(plane * 7 + row) * 5 + c];
                    float expected = r is 1 or 4 ? (At(exact, r - 1) + At(exact, r + 1)) / 2f : At(exact, r);
                    Assert.Equal(expected, At(perf, r), 5);
                }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void ColumnPerforationCopiesFirstAndLastSkippedColumns(string backend)
    {
        // Output 4×6; rate 5 offset 0 skips column 0 (copies column 1) and column 5 (the last: copies column 4).
        int[] xs = [1, 2, 4, 6], ws = [1, 2, 3, 3];
        float[] exact = Conv(backend, (x, w) => Ops.Convolution(x, w, 1, 1, 1, 1), xs, ws);
        float[] perf = Conv(backend, (x, w) => Ops.ConvApprox(x, w, 1, 1, 1, 1, 1, 5, 1, 0), xs, ws);
        for (int r = 0; r < 4; r++)
        {
            Assert.Equal(exact[r * 6 + 1], perf[r * 6 + 0], 5);
            Assert.Equal(exact[r * 6 + 4], perf[r * 6 + 5], 5);
            for (int c = 1; c <= 4; c++) Assert.Equal(exact[r * 6 + c], perf[r * 6 + c], 5);
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void SamplingDropsTheRuleIndicesAndScalesTheRest(string backend)
    {
        // A 1×1 input position seen through a 1-channel filter that covers it exactly: with pad 0 and a 3×3 input
        // the single output is Σ x·w, so dropping and scaling can be checked against a hand-built filter.
        foreach ((int skip, int offset, int channels) in new[] { (2, 0, 2), (2, 1, 1), (3, 2, 2), (4, 1, 3) })
        {
            int[] xs = [1, channels, 3, 3], ws = [1, channels, 3, 3];
            float[] x = Tensor.Random(xs, seed: 5).ToArray(), w = Tensor.Random(ws, seed: 6).ToArray();
            double expected = 0;
            for (int idx = 0; idx < channels * 9; idx++)
            {
                int c = idx / 9, j = idx % 9;
                bool dropped = 9 % skip != 0 ? idx >= offset && (idx - offset) % skip == 0 : j % skip == (offset + c) % skip;
                if (!dropped) expected += x[idx] * (double)w[idx] * skip / (skip - 1);
            }
            float[] y = Conv(backend, (a, b) => Ops.ConvApprox(a, b, 0, 0, 1, 1, 1, 1, skip, offset), xs, ws);
            Assert.Equal(expected, y.Single(), 4);
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void DepthwiseConvolutionEqualsOneConvolutionPerChannel(string backend)
    {
        int[] xs = [2, 3, 6, 7], ws = [3, 1, 3, 3];
        float[] grouped = Conv(backend, (x, w) => Ops.GroupConvolution(x, w, 1, 1, 2, 1, 3), xs, ws);
        float[] x = Tensor.Random(xs, seed: 5).ToArray(), w = Tensor.Random(ws, seed: 6).ToArray();
        int plane = 3 * 7, outPlane = 3 * 7; // out 3×7 (stride 2 rows, 1 columns)
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < 3; c++)
            {
                float[] single = BackendCases.With(backend, () =>
                {
                    using Tensor xc = Tensor.FromArray(x.Skip((n * 3 + c) * 6 * 7).Take(6 * 7).ToArray(), 1, 1, 6, 7);
                    using Tensor wc = Tensor.FromArray(w.Skip(c * 9).Take(9).ToArray(), 1, 1, 3, 3);
                    using Tensor y = Ops.Convolution(xc, wc, 1, 1, 2, 1);
                    return y.ToArray();
                });
                Assert.Equal(outPlane, single.Length);
                for (int i = 0; i < outPlane; i++) Assert.Equal(single[i], grouped[(n * 3 + c) * plane + i], 5);
            }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void ConvolutionComputesTheHandWorkedExample(string backend)
    {
        // 1×1×3×3 input 1..9, 2×2 all-ones filter, no padding: each output is a 2×2 window sum.
        float[] y = BackendCases.With(backend, () =>
        {
            using Tensor x = Tensor.FromArray([1, 2, 3, 4, 5, 6, 7, 8, 9], 1, 1, 3, 3);
            using Tensor w = Tensor.FromArray([1, 1, 1, 1], 1, 1, 2, 2);
            using Tensor r = Ops.Convolution(x, w, 0, 0, 1, 1);
            Assert.Equal([1, 1, 2, 2], r.Shape);
            return r.ToArray();
        });
        Assert.Equal([12f, 16f, 24f, 28f], y);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void NaNInputPropagatesToTheOutputsItReaches(string backend)
    {
        float[] y = BackendCases.With(backend, () =>
        {
            float[] data = new float[25];
            data[0] = float.NaN;
            using Tensor x = Tensor.FromArray(data, 1, 1, 5, 5), w = Tensor.FromArray([1, 1, 1, 1, 1, 1, 1, 1, 1], 1, 1, 3, 3);
            using Tensor r = Ops.Convolution(x, w, 0, 0, 1, 1);
            return r.ToArray();
        });
        Assert.True(float.IsNaN(y[0]));          // window at (0,0) contains the NaN
        Assert.Equal(0f, y[8]);                  // window at (2,2) does not
    }
}
