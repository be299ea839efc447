namespace Knobs.Tensors.Tests.Properties;

/// <summary>A candidate backend gives the Reference's results whatever its thread count.</summary>
public sealed class ThreadCountAgreementTests
{
    [CandidateBackendTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void ConvolutionAndGemmMatchReferenceOnAnyThreadCount(int threads)
    {
        Agreement.Check("Convolution", () =>
        {
            using Tensor x = Tensor.Random([5, 24, 13, 11], seed: 71), w = Tensor.Random([40, 24, 3, 3], seed: 72);
            return Ops.Convolution(x, w, 1, 1, 1, 1);
        }, Agreement.Fp32, threads);
        Agreement.Check("ConvApprox row 2", () =>
        {
            using Tensor x = Tensor.Random([5, 24, 13, 11], seed: 71), w = Tensor.Random([40, 24, 3, 3], seed: 72);
            return Ops.ConvApprox(x, w, 1, 1, 1, 1, 2, 1, 1, 0);
        }, Agreement.Fp32, threads);
        Agreement.Check("ConvApprox skip 2", () =>
        {
            using Tensor x = Tensor.Random([5, 24, 13, 11], seed: 71), w = Tensor.Random([40, 24, 3, 3], seed: 72);
            return Ops.ConvApprox(x, w, 1, 1, 1, 1, 1, 1, 2, 1);
        }, Agreement.Fp32, threads);
        Agreement.Check("Depthwise", () =>
        {
            using Tensor x = Tensor.Random([3, 32, 16, 16], seed: 73), w = Tensor.Random([32, 1, 3, 3], seed: 74);
            return Ops.GroupConvolution(x, w, 1, 1, 1, 1, 32);
        }, Agreement.Fp32, threads);
        Agreement.Check("Gemm", () =>
        {
            using Tensor x = Tensor.Random([67, 700], seed: 75), w = Tensor.Random([700, 500], seed: 76);
            return Ops.Gemm(x, w);
        }, Agreement.Fp32, threads);
    }
}
