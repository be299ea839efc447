using System;
using Knobs.Tensors.Backends;
using Knobs.Tensors.Backends.Cpu;
using Knobs.Tensors.Backends.Reference;

namespace Knobs.Tensors.Tests;

/// <summary>
/// Epilogue fusion (<see cref="Ops.FuseEpilogues"/>): inside a <see cref="TensorScope"/> an exact fp32 convolution is
/// computed on first read, with the bias add, residual add and ReLU that follow it applied in its epilogue. The result
/// must be bit for bit the separate ops', no value a deferred result reads may be lost, and nothing else may change.
/// </summary>
public sealed class EpilogueFusionTests
{
    // conv → bias → relu, conv → bias, residual add (both operand orders), relu: resnet18's basic block.
    private static float[] Block(Tensor x, Tensor w1, Tensor b1, Tensor w2, Tensor b2, bool residualFirst)
    {
        Tensor y = Ops.Relu(Ops.Add(Ops.Convolution(x, w1, 1, 1, 1, 1), b1));
        y = Ops.Add(Ops.Convolution(y, w2, 1, 1, 1, 1), b2);
        y = residualFirst ? Ops.Add(x, y) : Ops.Add(y, x);
        return Ops.Relu(y).ToArray();
    }

    private static float[] Run(IBackend backend, bool fuse, Func<float[]> body)
    {
        bool before = Ops.FuseEpilogues;
        Ops.FuseEpilogues = fuse;
        try
        {
            return BackendCases.With(backend, () => { using (new TensorScope()) return body(); });
        }
        finally
        {
            Ops.FuseEpilogues = before;
        }
    }

    private static void AssertSameBits(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Assert.Fail($"element {i}: fused {actual[i]:R}, separate ops {expected[i]:R}");
        }
    }

    [Theory]
    [InlineData("Reference", 1, 1, 16, 9, true)]
    [InlineData("Reference", 1, 2, 8, 6, false)]
    [InlineData("Cpu", 1, 1, 16, 32, true)]
    [InlineData("Cpu", 2, 1, 16, 32, false)]
    [InlineData("Cpu", 1, 3, 24, 13, true)]
    [InlineData("Cpu", 2, 3, 24, 13, false)]
    [InlineData("Cpu", 2, 1, 64, 8, true)]
    [InlineData("Cpu", 2, 16, 32, 16, true)]
    public void AResidualBlockFusedGivesTheSameBitsAsTheSeparateOps(string backendName, int threads, int batch, int channels, int size, bool residualFirst)
    {
        IBackend backend = Backend.Create(backendName);
        backend.Threads = threads;
        using Tensor x = Tensor.Random([batch, channels, size, size], seed: 1);
        using Tensor w1 = Tensor.Random([channels, channels, 3, 3], seed: 2), w2 = Tensor.Random([channels, channels, 3, 3], seed: 3);
        using Tensor b1 = Tensor.Random([channels], seed: 4), b2 = Tensor.Random([1, channels, 1, 1], seed: 5);
        float[] separate = Run(backend, fuse: false, () => Block(x, w1, b1, w2, b2, residualFirst));
        float[] fused = Run(backend, fuse: true, () => Block(x, w1, b1, w2, b2, residualFirst));
        AssertSameBits(separate, fused);
        (backend as IDisposable)?.Dispose();
    }

    [Fact]
    public void NegativeZeroAndNaNGoThroughTheFusedReluAsThroughTheReluOp()
    {
        using var backend = new CpuBackend { Threads = 1 };
        using Tensor x = Tensor.FromArray(new float[2 * 16 * 4 * 4], [2, 16, 4, 4]);
        using Tensor w = Tensor.Random([16, 16, 1, 1], seed: 6);
        using Tensor bias = Tensor.FromArray(new float[16], [16]);
        Span<float> b = bias.AsFloatSpan();
        b[0] = -0f;
        b[1] = float.NaN;
        b[2] = -1f;
        Func<float[]> body = () => Ops.Relu(Ops.Add(Ops.Convolution(x, w, 0, 0, 1, 1), bias)).ToArray();
        AssertSameBits(Run(backend, fuse: false, body), Run(backend, fuse: true, body));
    }

    [Fact]
    public void AConvolutionInAScopeIsComputedOnFirstReadAndItsEpilogueStepsJoinIt()
    {
        using Tensor x = Tensor.Random([1, 4, 6, 6], seed: 7), w = Tensor.Random([8, 4, 3, 3], seed: 8), bias = Tensor.Random([8], seed: 9);
        using (new TensorScope())
        {
            Tensor conv = Ops.Convolution(x, w, 1, 1, 1, 1);
            Tensor biased = Ops.Add(conv, bias);
            Tensor relu = Ops.Relu(biased);
            Assert.True(conv.IsDeferred);
            Assert.True(biased.IsDeferred);
            Assert.True(relu.IsDeferred);
            Assert.Same(bias, relu.Deferred!.Bias);
            Assert.True(relu.Deferred.Relu);
            relu.ToArray();
            Assert.False(relu.IsDeferred);
            Assert.True(conv.IsDeferred); // nothing read it: it is never computed
        }
    }

    [Fact]
    public void OpsOutsideAScopeOrWithFusionOffComputeWhenCalled()
    {
        using Tensor x = Tensor.Random([1, 4, 6, 6], seed: 7), w = Tensor.Random([8, 4, 3, 3], seed: 8);
        using (Tensor outside = Ops.Convolution(x, w, 1, 1, 1, 1)) Assert.False(outside.IsDeferred);
        Ops.FuseEpilogues = false;
        try
        {
            using (new TensorScope()) Assert.False(Ops.Convolution(x, w, 1, 1, 1, 1).IsDeferred);
        }
        finally
        {
            Ops.FuseEpilogues = true;
        }
    }

    [Fact]
    public void ABackendWithoutFusedEpiloguesComputesEveryConvolutionWhenCalled()
    {
        using Tensor x = Tensor.Random([1, 4, 6, 6], seed: 7), w = Tensor.Random([8, 4, 3, 3], seed: 8);
        var reference = new ReferenceBackend();
        Assert.False(reference.Capabilities.FusedEpilogues);
        BackendCases.With(reference, () =>
        {
            Assert.True(Ops.FuseEpilogues); // asked for, but the backend cannot
            using (new TensorScope()) Assert.False(Ops.Convolution(x, w, 1, 1, 1, 1).IsDeferred);
            return 0;
        });
        BackendCases.With(new FusingReferenceBackend(), () =>
        {
            using (new TensorScope()) Assert.True(Ops.Convolution(x, w, 1, 1, 1, 1).IsDeferred);
            return 0;
        });
    }

    [Fact]
    public void HalfApproximateAndGroupedConvolutionsAreNotDeferred()
    {
        using Tensor x = Tensor.Random([1, 4, 6, 6], seed: 7), w = Tensor.Random([8, 4, 3, 3], seed: 8), dw = Tensor.Random([4, 1, 3, 3], seed: 9);
        using (new TensorScope())
        {
            Assert.False(Ops.HalfConvolution(x, w, 1, 1, 1, 1).IsDeferred);
            Assert.False(Ops.ConvApprox(x, w, 1, 1, 1, 1, 2, 1, 1, 0).IsDeferred);
            Assert.False(Ops.GroupConvolution(x, dw, 1, 1, 1, 1, 4).IsDeferred);
            Assert.True(Ops.ConvApprox(x, w, 1, 1, 1, 1, 1, 1, 1, 0).IsDeferred); // no knob active: the exact convolution
        }
    }

    [Fact]
    public void ABiasAfterTheReluIsASeparateAddWithTheSameResult()
    {
        using Tensor x = Tensor.Random([2, 4, 6, 6], seed: 7), w = Tensor.Random([8, 4, 3, 3], seed: 8), bias = Tensor.Random([8], seed: 9);
        Func<float[]> body = () =>
        {
            Tensor relu = Ops.Relu(Ops.Convolution(x, w, 1, 1, 1, 1));
            Tensor y = Ops.Add(relu, bias);
            Assert.False(y.IsDeferred);
            return y.ToArray();
        };
        using var backend = new CpuBackend { Threads = 2 };
        float[] fused = Run(backend, fuse: true, body);
        Ops.FuseEpilogues = false;
        try
        {
            AssertSameBits(BackendCases.With<float[]>(backend, () => { using (new TensorScope()) return body(); }), fused);
        }
        finally
        {
            Ops.FuseEpilogues = true;
        }
    }

    [Fact]
    public void AnInputChangedThroughItsSpanAfterADeferredConvolutionDoesNotChangeItsResult()
    {
        using Tensor x = Tensor.Random([1, 4, 6, 6], seed: 7), w = Tensor.Random([8, 4, 3, 3], seed: 8);
        float[] expected;
        using (Tensor eager = Ops.Convolution(x, w, 1, 1, 1, 1)) expected = eager.ToArray();
        using (new TensorScope())
        {
            Tensor y = Ops.Relu(Ops.Convolution(x, w, 1, 1, 1, 1));
            x.AsFloatSpan().Fill(100f);
            w.AsFloatSpan().Fill(-1f);
            float[] actual = y.ToArray();
            for (int i = 0; i < expected.Length; i++) Assert.Equal(Math.Max(expected[i], 0f), actual[i]);
        }
    }

    [Fact]
    public void AnInputDisposedBeforeADeferredResultIsReadLeavesTheResultIntact()
    {
        using Tensor w = Tensor.Random([8, 4, 3, 3], seed: 8), bias = Tensor.Random([8], seed: 9);
        Tensor x = Tensor.Random([1, 4, 6, 6], seed: 7);
        float[] expected;
        using (Tensor eager = Ops.Add(Ops.Convolution(x, w, 1, 1, 1, 1), bias)) expected = eager.ToArray();
        using (new TensorScope())
        {
            Tensor y = Ops.Add(Ops.Convolution(x, w, 1, 1, 1, 1), bias);
            x.Dispose();
            Assert.True(x.IsDisposed);
            Assert.Equal(expected, y.ToArray());
        }
    }

    [Fact]
    public void AScopeEndsWithoutComputingDeferredResultsNobodyRead()
    {
        var backend = new FusingReferenceBackend();
        ReferenceBackend reference = backend.Inner;
        using Tensor x = Tensor.Random([1, 4, 6, 6], seed: 7), w = Tensor.Random([8, 4, 3, 3], seed: 8), w2 = Tensor.Random([8, 8, 3, 3], seed: 9);
        long before = reference.MultiplyAdds;
        BackendCases.With(backend, () =>
        {
            using (new TensorScope())
            {
                Tensor a = Ops.Relu(Ops.Convolution(x, w, 1, 1, 1, 1));
                Ops.Convolution(a, w2, 1, 1, 1, 1);
            }
            return 0;
        });
        Assert.Equal(before, reference.MultiplyAdds);
    }

    [Fact]
    public void AKeptDeferredResultIsComputedCorrectlyAfterItsScopeDisposedItsInputs()
    {
        using Tensor x = Tensor.Random([1, 4, 6, 6], seed: 7), w = Tensor.Random([8, 4, 3, 3], seed: 8), w2 = Tensor.Random([8, 8, 3, 3], seed: 9);
        float[] expected;
        using (Tensor a = Ops.Relu(Ops.Convolution(x, w, 1, 1, 1, 1)), b = Ops.Convolution(a, w2, 1, 1, 1, 1)) expected = b.ToArray();
        Tensor kept;
        using (var scope = new TensorScope())
        {
            Tensor a = Ops.Relu(Ops.Convolution(x, w, 1, 1, 1, 1));
            kept = scope.Keep(Ops.Convolution(a, w2, 1, 1, 1, 1));
            Assert.True(kept.IsDeferred);
        }
        Assert.Equal(expected, kept.ToArray());
        kept.Dispose();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TheCpuEpilogueOnGroupedAndPerforatedCallsMatchesTheSeparateOps(int threads)
    {
        using var backend = new CpuBackend { Threads = threads };
        var rnd = new Random(10);
        foreach ((ConvShape s, ConvApproxParams a) in new[]
        {
            (new ConvShape(2, 8, 9, 9, 8, 3, 3, 1, 1, 1, 1, Groups: 8), ConvApproxParams.Exact),
            (new ConvShape(2, 8, 9, 9, 12, 3, 3, 1, 1, 1, 1), new ConvApproxParams(2, 1, 1, 0)),
            (new ConvShape(2, 8, 9, 9, 12, 3, 3, 1, 1, 1, 1), new ConvApproxParams(1, 1, 2, 1)),
            (new ConvShape(1, 8, 12, 12, 16, 3, 3, 1, 1, 2, 2), ConvApproxParams.Exact),
        })
        {
            float[] x = Values(rnd, (int)s.InputLength), w = Values(rnd, (int)s.FilterLength), bias = Values(rnd, s.K), residual = Values(rnd, (int)s.OutputLength);
            var fused = new float[s.OutputLength];
            var separate = new float[s.OutputLength];
            backend.Convolution(s, a, x, w, null, fused, new ConvEpilogue(bias, residual, relu: true));
            backend.Convolution(s, a, x, w, separate);
            backend.AddBias(s.N, s.K, s.OutH * s.OutW, separate, bias, separate);
            backend.Add(separate, residual, separate);
            backend.Relu(separate, separate);
            AssertSameBits(separate, fused);
        }
    }

    [Fact]
    public void AnEpilogueOfTheWrongSizeIsRejected()
    {
        using var backend = new CpuBackend { Threads = 1 };
        var s = new ConvShape(1, 2, 4, 4, 3, 1, 1, 0, 0, 1, 1);
        var y = new float[s.OutputLength];
        var e = Assert.Throws<ArgumentException>(() =>
            backend.Convolution(s, ConvApproxParams.Exact, new float[s.InputLength], new float[s.FilterLength], null, y, new ConvEpilogue(new float[2], default, false)));
        Assert.Contains("3 output channels", e.Message);
    }

    private static float[] Values(Random rnd, int n)
    {
        var v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float)(rnd.NextDouble() * 2 - 1);
        return v;
    }
}
