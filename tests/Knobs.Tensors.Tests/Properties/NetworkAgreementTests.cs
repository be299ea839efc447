namespace Knobs.Tensors.Tests.Properties;

/// <summary>A small LeNet-shaped pipeline (every op kind chained, fp32 and fp16) agrees with the Reference end to end.</summary>
public sealed class NetworkAgreementTests
{
    private static Tensor LeNet(bool half, int batch)
    {
        using var scope = new TensorScope();
        Tensor x = Tensor.Random([batch, 1, 28, 28], seed: 101);
        Tensor c1 = Tensor.Random([8, 1, 5, 5], seed: 102), b1 = Tensor.Random([1, 8, 1, 1], seed: 103);
        Tensor c2 = Tensor.Random([16, 8, 5, 5], seed: 104), b2 = Tensor.Random([1, 16, 1, 1], seed: 105);
        Tensor d1 = Tensor.Random([1, 1, 16 * 7 * 7, 32], seed: 106), db1 = Tensor.Random([1, 32, 1, 1], seed: 107);
        Tensor d2 = Tensor.Random([1, 1, 32, 10], seed: 108);
        if (half)
        {
            x = Ops.HalfPooling(Ops.HalfTanh(Ops.HalfAdd(Ops.HalfConvolution(x, c1, 2, 2, 1, 1), b1)), PoolKind.Max, 2, 2, 0, 0, 2, 2);
            x = Ops.HalfPooling(Ops.HalfRelu(Ops.HalfAdd(Ops.ConvApproxHalf(x, c2, 2, 2, 1, 1, 1, 2, 1, 1), b2)), PoolKind.Mean, 2, 2, 0, 0, 2, 2);
            x = Ops.HalfClippedRelu(Ops.HalfAdd(Ops.HalfGemm(x, d1), db1), 6f);
            x = Ops.HalfGemm(x, d2);
        }
        else
        {
            x = Ops.Pooling(Ops.Tanh(Ops.Add(Ops.Convolution(x, c1, 2, 2, 1, 1), b1)), PoolKind.Max, 2, 2, 0, 0, 2, 2);
            x = Ops.Pooling(Ops.Relu(Ops.Add(Ops.ConvApprox(x, c2, 2, 2, 1, 1, 1, 2, 1, 1), b2)), PoolKind.Mean, 2, 2, 0, 0, 2, 2);
            x = Ops.ClippedRelu(Ops.Add(Ops.Gemm(x, d1), db1), 6f);
            x = Ops.Gemm(x, d2);
        }
        return scope.Keep(Ops.Softmax(x));
    }

    [CandidateBackendTheory]
    [InlineData(1)]
    [InlineData(17)]
    public void LeNetShapedPipelineMatchesReference(int batch)
    {
        Agreement.Check("fp32 pipeline", () => LeNet(half: false, batch), Agreement.Fp32);
        Agreement.Check("fp16 pipeline", () => LeNet(half: true, batch), 1e-2);
    }
}
