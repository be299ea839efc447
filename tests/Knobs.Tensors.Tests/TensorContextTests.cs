using System;
using System.Threading.Tasks;
using Knobs.Tensors.Backends;
using Knobs.Tensors.Backends.Reference;

namespace Knobs.Tensors.Tests;

/// <summary>The context ops run in: entered per async flow, nested, cheap to read, and what every op uses.</summary>
public sealed class TensorContextTests
{
    [Fact]
    public void WithNoContextEnteredTheDefaultIsTheProcessBackendFusedWithNoSession()
    {
        TensorContext current = TensorContext.Current;
        Assert.Same(Backend.Current, current.Backend);
        Assert.Same(current.Backend.Timer, current.Timer);
        Assert.True(current.FuseEpilogues);
        Assert.Null(current.Session);
        Assert.Same(current, TensorContext.Current); // cached, not made per read
    }

    [Fact]
    public void ReadingTheCurrentContextAllocatesNothing()
    {
        var backend = new ReferenceBackend();
        _ = TensorContext.Current;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) _ = TensorContext.Current.Timer;
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        using (TensorContext.Enter(new TensorContext(backend)))
        {
            before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++) _ = TensorContext.Current.Timer;
            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        }
    }

    [Fact]
    public void NestedScopesRestoreTheContextBeforeThem()
    {
        TensorContext outer = TensorContext.Current;
        var a = new TensorContext(new ReferenceBackend(), session: "a");
        var b = a.WithSession("b");
        using (TensorContext.Enter(a))
        {
            Assert.Same(a, TensorContext.Current);
            using (TensorContext.Enter(b)) Assert.Same(b, TensorContext.Current);
            Assert.Same(a, TensorContext.Current);
        }
        Assert.Same(outer, TensorContext.Current);
    }

    [Fact]
    public async Task AnEnteredContextFollowsAwaitsAndTasksStartedInside()
    {
        var context = new TensorContext(new ReferenceBackend(), session: "flow");
        using (TensorContext.Enter(context))
        {
            await Task.Yield();
            Assert.Same(context, TensorContext.Current);
            Assert.Same(context, await Task.Run(() => TensorContext.Current));
        }
        Assert.NotSame(context, TensorContext.Current);
    }

    [Fact]
    public void WithMethodsChangeOneThingAndKeepTheRest()
    {
        var first = new ReferenceBackend();
        var second = new ReferenceBackend();
        var session = new object();
        var context = new TensorContext(first, fuseEpilogues: false, session);
        TensorContext other = context.WithBackend(second);
        Assert.Same(second, other.Backend);
        Assert.False(other.FuseEpilogues);
        Assert.Same(session, other.Session);
        TensorContext fused = context.WithFusion(true);
        Assert.Same(first, fused.Backend);
        Assert.True(fused.FuseEpilogues);
        Assert.Same(session, fused.Session);
        TensorContext noSession = context.WithSession(null);
        Assert.Null(noSession.Session);
        Assert.Same(first, noSession.Backend);
        Assert.Same(OpTimer.Stopwatch, context.Timer);
    }

    [Fact]
    public void OpsRunOnTheEnteredContextsBackend()
    {
        var reference = new ReferenceBackend();
        using Tensor x = Tensor.Random([1, 2, 5, 5], seed: 1), w = Tensor.Random([3, 2, 3, 3], seed: 2);
        using (TensorContext.Enter(TensorContext.Current.WithBackend(reference)))
        {
            Assert.Same(reference, Backend.Current);
            Ops.Convolution(x, w, 1, 1, 1, 1).Dispose();
        }
        Assert.True(reference.MultiplyAdds > 0);
        Assert.NotSame(reference, Backend.Current);
    }

    [Fact]
    public void SettingFuseEpiloguesInsideAContextLastsUntilItsScopeEnds()
    {
        Assert.True(Ops.FuseEpilogues);
        using (TensorContext.Enter(new TensorContext(new ReferenceBackend())))
        {
            Ops.FuseEpilogues = false;
            Assert.False(TensorContext.Current.FuseEpilogues);
            Assert.False(Ops.FuseEpilogues);
        }
        Assert.True(Ops.FuseEpilogues);
        Assert.True(TensorContext.Current.FuseEpilogues);
    }

    [Fact]
    public void SettingFuseEpiloguesWithNoContextChangesThisThreadsDefault()
    {
        try
        {
            Ops.FuseEpilogues = false;
            Assert.False(TensorContext.Current.FuseEpilogues);
            using (Backend.OnThisThread(new ReferenceBackend())) Assert.False(TensorContext.Current.FuseEpilogues);
        }
        finally
        {
            Ops.FuseEpilogues = true;
        }
        Assert.True(TensorContext.Current.FuseEpilogues);
    }

    [Fact]
    public void TheStopwatchTimerMeasuresStopwatchTicks()
    {
        OpTimer timer = OpTimer.Stopwatch;
        Assert.Equal("stopwatch", timer.Name);
        long begin = timer.Begin();
        long before = System.Diagnostics.Stopwatch.GetTimestamp();
        Assert.True(before >= begin);
        long elapsed = timer.End(begin);
        Assert.True(elapsed >= before - begin);
    }
}
