namespace Knobs.Tensors.Tests;

/// <summary>Pooled buffers: a scope returns every tensor created inside it unless kept.</summary>
public sealed class TensorScopeTests
{
    [Fact]
    public void ScopeDisposesTensorsCreatedInsideIt()
    {
        using Tensor outside = Tensor.Random([4], seed: 1);
        Tensor inside, kept;
        using (var scope = new TensorScope())
        {
            inside = Ops.Relu(outside);
            kept = scope.Keep(Ops.Tanh(outside));
            Assert.Equal(1, scope.Count);
        }
        Assert.True(inside.IsDisposed);
        Assert.False(kept.IsDisposed);
        Assert.False(outside.IsDisposed);
        kept.Dispose();
    }

    [Fact]
    public void KeptTensorMovesToTheEnclosingScope()
    {
        Tensor kept;
        using (new TensorScope())
        {
            using (var inner = new TensorScope()) kept = inner.Keep(Tensor.Zeros(3));
            Assert.False(kept.IsDisposed);
        }
        Assert.True(kept.IsDisposed);
    }

    [Fact]
    public void ScopedLoopReusesPooledBuffers()
    {
        using Tensor x = Tensor.Random([1, 8, 16, 16], seed: 1);
        using (new TensorScope()) { Ops.Relu(Ops.Tanh(x)); } // warm the pool
        long before = System.GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            using (new TensorScope()) { Ops.Relu(Ops.Tanh(x)); }
        }
        long perIteration = (System.GC.GetAllocatedBytesForCurrentThread() - before) / 20;
        Assert.True(perIteration < 2048, $"a scoped iteration allocated {perIteration} bytes; the 8 KiB buffers must come from the pool");
    }

    [Fact]
    public void DisposeIsIdempotent()
    {
        Tensor t = Tensor.Zeros(2);
        t.Dispose();
        t.Dispose();
        Assert.True(t.IsDisposed);
    }
}
