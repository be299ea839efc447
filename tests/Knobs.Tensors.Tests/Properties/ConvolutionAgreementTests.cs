using System.Collections.Generic;
using System.Linq;

namespace Knobs.Tensors.Tests.Properties;

/// <summary>Every candidate backend's convolutions equal the Reference on randomized shapes (fixed seeds).</summary>
public sealed class ConvolutionAgreementTests
{
    // name: N C H W K KH KW padH padW strideH strideW
    private static readonly Dictionary<string, int[]> Shapes = new()
    {
        ["odd sizes"] = [1, 3, 7, 9, 5, 3, 3, 1, 1, 1, 1],
        ["stride 2"] = [2, 4, 11, 10, 6, 3, 3, 1, 1, 2, 2],
        ["padding larger than kernel"] = [1, 2, 5, 6, 3, 3, 3, 4, 4, 1, 1],
        ["1x1 kernel"] = [3, 8, 6, 5, 16, 1, 1, 0, 0, 1, 1],
        ["11x11 kernel"] = [1, 3, 16, 16, 4, 11, 11, 5, 5, 1, 1],
        ["batch 1"] = [1, 16, 12, 12, 24, 3, 3, 1, 1, 1, 1],
        ["batch 17"] = [17, 3, 8, 8, 4, 3, 3, 1, 1, 1, 1],
        ["asymmetric window, pad and stride"] = [2, 5, 9, 13, 7, 5, 3, 2, 1, 2, 1],
        ["many channels"] = [2, 32, 8, 8, 64, 3, 3, 1, 1, 1, 1],
        ["5x5 no padding stride 3"] = [1, 6, 17, 14, 9, 5, 5, 0, 0, 3, 3],
        ["deep reduction, several column blocks"] = [2, 64, 16, 16, 32, 3, 3, 1, 1, 1, 1],
        ["batch 16 VGG-like"] = [16, 16, 16, 16, 24, 3, 3, 1, 1, 1, 1],
    };

    // row col skipEvery offset: every approximation kind, several rates and offsets
    private static readonly int[][] Knobs =
    [
        [1, 1, 1, 0], [2, 1, 1, 0], [2, 1, 1, 1], [3, 1, 1, 2], [4, 1, 1, 3],
        [1, 2, 1, 0], [1, 3, 1, 1], [1, 4, 1, 3], [1, 1, 2, 0], [1, 1, 2, 1], [1, 1, 3, 2], [1, 1, 4, 3],
    ];

    public static IEnumerable<object[]> ShapeNames() => Shapes.Keys.Select(k => new object[] { k });

    public static IEnumerable<object[]> ApproxCases() =>
        from shape in Shapes.Keys
        from knob in Knobs
        where Valid(Shapes[shape], knob)
        select new object[] { shape, knob[0], knob[1], knob[2], knob[3] };

    [CandidateBackendTheory]
    [MemberData(nameof(ShapeNames))]
    public void ConvolutionMatchesReference(string shape) =>
        Agreement.Check($"Convolution ({shape})", () => Conv(shape, (x, w, p) => Ops.Convolution(x, w, p[7], p[8], p[9], p[10])), Agreement.Fp32);

    [CandidateBackendTheory]
    [MemberData(nameof(ShapeNames))]
    public void HalfConvolutionMatchesReference(string shape) =>
        Agreement.Check($"HalfConvolution ({shape})", () => Conv(shape, (x, w, p) => Ops.HalfConvolution(x, w, p[7], p[8], p[9], p[10])), Agreement.Fp16);

    [CandidateBackendTheory]
    [MemberData(nameof(ApproxCases))]
    public void ConvApproxMatchesReference(string shape, int row, int col, int skip, int offset) =>
        Agreement.Check($"ConvApprox({row},{col},{skip},{offset}) ({shape})",
            () => Conv(shape, (x, w, p) => Ops.ConvApprox(x, w, p[7], p[8], p[9], p[10], row, col, skip, offset)), Agreement.Fp32);

    [CandidateBackendTheory]
    [MemberData(nameof(ApproxCases))]
    public void ConvApproxHalfMatchesReference(string shape, int row, int col, int skip, int offset) =>
        Agreement.Check($"ConvApproxHalf({row},{col},{skip},{offset}) ({shape})",
            () => Conv(shape, (x, w, p) => Ops.ConvApproxHalf(x, w, p[7], p[8], p[9], p[10], row, col, skip, offset)), Agreement.Fp16);

    [CandidateBackendTheory]
    [InlineData(2, 32, 9, 9, 32, 3, 1, 1)]     // MobileNet-style depthwise
    [InlineData(1, 16, 8, 8, 16, 3, 1, 2)]     // depthwise, stride 2
    [InlineData(17, 5, 7, 6, 5, 3, 2, 1)]      // batch 17, odd sizes, padding larger than needed
    [InlineData(1, 8, 10, 10, 2, 3, 1, 1)]     // 2 groups of 4 channels
    [InlineData(3, 6, 6, 6, 3, 1, 0, 1)]       // 1x1 grouped
    public void GroupConvolutionMatchesReference(int n, int c, int h, int w, int groups, int k, int pad, int stride)
    {
        Agreement.Check($"GroupConvolution(groups {groups})", () => Depthwise(n, c, h, w, groups, k, pad, stride, half: false), Agreement.Fp32);
        Agreement.Check($"HalfGroupConvolution(groups {groups})", () => Depthwise(n, c, h, w, groups, k, pad, stride, half: true), Agreement.Fp16);
    }

    private static Tensor Depthwise(int n, int c, int h, int w, int groups, int k, int pad, int stride, bool half)
    {
        using Tensor x = Tensor.Random([n, c, h, w], seed: 11);
        using Tensor f = Tensor.Random([c, c / groups, k, k], seed: 12);
        return half
            ? Ops.HalfGroupConvolution(x, f, pad, pad, stride, stride, groups)
            : Ops.GroupConvolution(x, f, pad, pad, stride, stride, groups);
    }

    private static Tensor Conv(string shape, System.Func<Tensor, Tensor, int[], Tensor> op)
    {
        int[] p = Shapes[shape];
        using Tensor x = Tensor.Random([p[0], p[1], p[2], p[3]], seed: 1 + p.Sum());
        using Tensor w = Tensor.Random([p[4], p[1], p[5], p[6]], seed: 2 + p.Sum());
        return op(x, w, p);
    }

    // A perforation that would compute no line is rejected by design (tested in the error tests), not compared.
    private static bool Valid(int[] p, int[] knob)
    {
        int outH = (p[2] - p[5] + 2 * p[7]) / p[9] + 1, outW = (p[3] - p[6] + 2 * p[8]) / p[10] + 1;
        if (knob[0] > 1) return knob[3] > 0 || outH > 1;
        if (knob[1] > 1) return knob[3] > 0 || outW > 1;
        return knob[2] <= 1 || p[1] * p[5] * p[6] > 1;
    }
}
