using System;
using System.Linq;
using System.Reflection;
using Knobs.Tensors.Backends;
using Knobs.Tensors.Backends.Cpu;
using Knobs.Tensors.Backends.Reference;

namespace Knobs.Tensors.Tests;

/// <summary>The backend contract: no silent fallback to another backend's kernels, and capabilities that say what a backend does.</summary>
public sealed class BackendContractTests
{
    // A backend that only has a GEMM.
    private sealed class GemmOnlyBackend : BackendBase
    {
        private readonly ReferenceBackend _reference = new();

        public override string Name => "GemmOnly";

        public override BackendCapabilities Capabilities { get; } = new(false, false, false);

        public override void Gemm(int m, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c) => _reference.Gemm(m, n, k, a, b, c);
    }

    [Theory]
    [InlineData("Softmax")]
    [InlineData("Relu")]
    [InlineData("Convolution")]
    [InlineData("Pooling")]
    public void AnOpOnABackendWithoutItsKernelFailsNamingTheOpAndTheBackend(string op)
    {
        using Tensor x = Tensor.Random([1, 2, 4, 4], seed: 1), w = Tensor.Random([2, 2, 3, 3], seed: 2);
        Action call = op switch
        {
            "Softmax" => () => Ops.Softmax(x),
            "Relu" => () => Ops.Relu(x),
            "Convolution" => () => Ops.Convolution(x, w, 1, 1, 1, 1),
            _ => () => Ops.Pooling(x, PoolKind.Max, 2, 2, 0, 0, 2, 2),
        };
        MissingKernelException e;
        using (TensorContext.Enter(TensorContext.Current.WithBackend(new GemmOnlyBackend()))) e = Assert.Throws<MissingKernelException>(call);
        Assert.Equal("GemmOnly", e.Backend);
        Assert.Equal(op, e.Op);
        Assert.Contains($"backend 'GemmOnly' has no kernel for op '{op}'", e.Message);
    }

    [Fact]
    public void ABackendWithTheKernelItNeedsRuns()
    {
        using Tensor x = Tensor.Random([2, 6], seed: 3), w = Tensor.Random([6, 4], seed: 4);
        float[] expected = BackendCases.With("Reference", () => Ops.Gemm(x, w).ToArray());
        using (TensorContext.Enter(TensorContext.Current.WithBackend(new GemmOnlyBackend())))
            Assert.Equal(expected, Ops.Gemm(x, w).ToArray());
    }

    [Fact]
    public void TheBackendInterfaceHasNoDefaultBodies()
    {
        MethodInfo[] withBodies = typeof(IBackend).GetMethods().Where(m => !m.IsAbstract).ToArray();
        Assert.Empty(withBodies);
    }

    [Theory]
    [InlineData(typeof(ReferenceBackend))]
    [InlineData(typeof(CpuBackend))]
    public void TheBuiltInBackendsImplementEveryKernelThemselves(Type backend)
    {
        InterfaceMapping map = backend.GetInterfaceMap(typeof(IBackend));
        foreach (MethodInfo target in map.TargetMethods) Assert.Equal(backend, target.DeclaringType);
    }

    [Fact]
    public void CapabilitiesSayWhatEachBackendDoes()
    {
        using var cpu = new CpuBackend();
        Assert.Equal(new BackendCapabilities(NativeHalf: false, FusedEpilogues: true, DeviceMemory: false), cpu.Capabilities);
        Assert.Equal(new BackendCapabilities(false, false, false), new ReferenceBackend().Capabilities);
        Assert.Equal(new BackendCapabilities(false, false, true), new ReferenceBackend(new StorageDomain("ref-device")).Capabilities);
        Assert.Same(OpTimer.Stopwatch, cpu.Timer);
        Assert.Same(OpTimer.Stopwatch, new ReferenceBackend().Timer);
        Assert.Same(StorageDomain.Host, cpu.Storage);
        Assert.Same(StorageDomain.Host, new ReferenceBackend().Storage);
    }
}
