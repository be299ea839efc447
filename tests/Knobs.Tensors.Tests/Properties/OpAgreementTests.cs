using System.Linq;

namespace Knobs.Tensors.Tests.Properties;

/// <summary>Every candidate backend's non-convolution ops equal the Reference (fixed seeds, odd sizes, batch 1 and 17).</summary>
public sealed class OpAgreementTests
{
    [CandidateBackendTheory]
    [InlineData(1, 37, 1, 1, 19)]
    [InlineData(17, 129, 1, 1, 65)]
    [InlineData(16, 16, 4, 4, 10)]     // flattens [N, C, H, W]
    [InlineData(3, 1000, 1, 1, 257)]
    public void GemmMatchesReference(int n, int c, int h, int w, int outputs)
    {
        Tensor X() => Tensor.Random([n, c, h, w], seed: 21);
        Tensor W() => Tensor.Random([1, 1, c * h * w, outputs], seed: 22);
        Agreement.Check("Gemm", () => { using Tensor x = X(), wt = W(); return Ops.Gemm(x, wt); }, Agreement.Fp32);
        Agreement.Check("HalfGemm", () => { using Tensor x = X(), wt = W(); return Ops.HalfGemm(x, wt); }, Agreement.Fp16);
    }

    [CandidateBackendTheory]
    [InlineData(1, 3, 5, 7)]
    [InlineData(17, 13, 3, 3)]
    [InlineData(2, 64, 16, 16)]
    public void ElementwiseOpsMatchReference(int n, int c, int h, int w)
    {
        int[] shape = [n, c, h, w];
        Tensor X() => Tensor.Random(shape, seed: 31);
        Tensor Y() => Tensor.Random(shape, seed: 32);
        Tensor B() => Tensor.Random([1, c, 1, 1], seed: 33);
        Agreement.Check("Add", () => { using Tensor x = X(), y = Y(); return Ops.Add(x, y); }, Agreement.Fp32);
        Agreement.Check("Add bias", () => { using Tensor x = X(), b = B(); return Ops.Add(x, b); }, Agreement.Fp32);
        Agreement.Check("HalfAdd", () => { using Tensor x = X(), y = Y(); return Ops.HalfAdd(x, y); }, Agreement.Fp16);
        Agreement.Check("HalfAdd bias", () => { using Tensor x = X(), b = B(); return Ops.HalfAdd(x, b); }, Agreement.Fp16);
        Agreement.Check("Relu", () => { using Tensor x = X(); return Ops.Relu(x); }, Agreement.Fp32);
        Agreement.Check("HalfRelu", () => { using Tensor x = X(); return Ops.HalfRelu(x); }, Agreement.Fp16);
        Agreement.Check("ClippedRelu", () => { using Tensor x = X(); return Ops.ClippedRelu(x, 0.5f); }, Agreement.Fp32);
        Agreement.Check("HalfClippedRelu", () => { using Tensor x = X(); return Ops.HalfClippedRelu(x, 0.5f); }, Agreement.Fp16);
        Agreement.Check("Tanh", () => { using Tensor x = X(); return Ops.Tanh(x); }, Agreement.Fp32);
        Agreement.Check("HalfTanh", () => { using Tensor x = X(); return Ops.HalfTanh(x); }, Agreement.Fp16);
        Agreement.Check("ToHalf", () => { using Tensor x = X(); return Ops.ToHalf(x); }, 0);
        Agreement.Check("ToFloat", () => { using Tensor x = X(), h = Ops.ToHalf(x); return Ops.ToFloat(h); }, 0);
        Agreement.Check("Flatten", () => { using Tensor x = X(); return Ops.Flatten(x); }, 0);
    }

    [CandidateBackendTheory]
    [InlineData(PoolKind.Max, 2, 0, 2, 1, 8, 16, 16)]
    [InlineData(PoolKind.Max, 3, 1, 2, 17, 3, 9, 11)]
    [InlineData(PoolKind.Mean, 2, 0, 2, 2, 5, 8, 8)]
    [InlineData(PoolKind.Mean, 3, 1, 1, 1, 4, 7, 5)]
    [InlineData(PoolKind.Mean, 8, 0, 8, 2, 64, 8, 8)]   // ResNet's global average pool
    [InlineData(PoolKind.Min, 3, 2, 3, 3, 2, 10, 13)]
    public void PoolingMatchesReference(PoolKind kind, int window, int pad, int stride, int n, int c, int h, int w)
    {
        Tensor X() => Tensor.Random([n, c, h, w], seed: 41);
        Agreement.Check($"Pooling {kind}", () => { using Tensor x = X(); return Ops.Pooling(x, kind, window, window, pad, pad, stride, stride); }, Agreement.Fp32);
        Agreement.Check($"HalfPooling {kind}", () => { using Tensor x = X(); return Ops.HalfPooling(x, kind, window, window, pad, pad, stride, stride); }, Agreement.Fp16);
    }

    [CandidateBackendTheory]
    [InlineData(1, 3, 5, 7)]
    [InlineData(17, 16, 4, 4)]
    public void BatchNormMatchesReference(int n, int c, int h, int w)
    {
        Tensor BatchNorm(bool half)
        {
            using Tensor x = Tensor.Random([n, c, h, w], seed: 51);
            using Tensor gamma = Tensor.Random([1, c, 1, 1], seed: 52), beta = Tensor.Random([1, c, 1, 1], seed: 53);
            using Tensor mean = Tensor.Random([1, c, 1, 1], seed: 54);
            float[] positive = Tensor.Random([c], seed: 55).ToArray().Select(v => v * v + 0.25f).ToArray();
            using Tensor variance = Tensor.FromArray(positive, 1, c, 1, 1);
            return half ? Ops.HalfBatchNorm(x, gamma, beta, mean, variance, 0.001) : Ops.BatchNorm(x, gamma, beta, mean, variance, 0.001);
        }
        Agreement.Check("BatchNorm", () => BatchNorm(half: false), Agreement.Fp32);
        Agreement.Check("HalfBatchNorm", () => BatchNorm(half: true), Agreement.Fp16);
    }

    [CandidateBackendTheory]
    [InlineData(1, 10)]
    [InlineData(17, 10)]
    [InlineData(4, 1000)]
    public void SoftmaxMatchesReference(int n, int classes)
    {
        Agreement.Check("Softmax", () => { using Tensor x = Tensor.Random([n, classes, 1, 1], seed: 61); return Ops.Softmax(x); }, Agreement.Fp32);
        Agreement.Check("Softmax of half", () => { using Tensor x = Tensor.Random([n, classes, 1, 1], seed: 61), h = Ops.ToHalf(x); return Ops.Softmax(h); }, Agreement.Fp32);
    }
}
