using System;
using System.Threading;
using Knobs.Tensors.Backends.Cpu;

namespace Knobs.Tensors.Tests;

/// <summary>
/// The Cpu backend's worker pool: every share of a job runs exactly once — by its worker, or by the caller when the
/// worker has not claimed it yet — and a failing share's exception reaches the caller.
/// </summary>
public sealed unsafe class WorkerPoolTests
{
    private struct Counts
    {
        public int* PerShare;
        public int Workers;
        public int SlowShare; // this share sleeps, so the others finish long before it
        public int Caller;    // the managed thread id of the caller
        public int ByWorkers; // shares run by a pool thread, not by the caller
    }

    private static void CountShare(void* context, int worker, int workers)
    {
        var c = (Counts*)context;
        if (workers != c->Workers) throw new InvalidOperationException($"share {worker} was told {workers} workers, not {c->Workers}");
        if (worker == c->SlowShare) Thread.Sleep(1);
        Interlocked.Increment(ref c->PerShare[worker]);
        if (Environment.CurrentManagedThreadId != c->Caller) Interlocked.Increment(ref c->ByWorkers);
    }

    [Theory]
    [InlineData(2, -1)]
    [InlineData(3, -1)]
    [InlineData(2, 0)]  // the caller's own share is slow: the worker claims its share meanwhile
    [InlineData(3, 2)]  // a worker's share is slow: the caller waits for it, and takes no share twice
    public void EveryShareRunsExactlyOncePerJob(int workers, int slowShare)
    {
        using var pool = new WorkerPool();
        int jobs = slowShare < 0 ? 20_000 : 200;
        int* perShare = stackalloc int[workers];
        var counts = new Counts { PerShare = perShare, Workers = workers, SlowShare = slowShare, Caller = Environment.CurrentManagedThreadId };
        for (int j = 0; j < jobs; j++) pool.Run(&CountShare, &counts, workers);
        for (int i = 0; i < workers; i++) Assert.Equal(jobs, perShare[i]);
        // The pool threads really run: while the caller sleeps in its own share, they claim theirs.
        if (slowShare == 0) Assert.True(counts.ByWorkers > 0, "no share ran on a pool thread");
    }

    private static void ThrowInLastShare(void* context, int worker, int workers)
    {
        if (worker == workers - 1) throw new InvalidOperationException("share " + worker);
    }

    [Fact]
    public void AFailingShareIsRethrownToTheCallerAndThePoolKeepsWorking()
    {
        using var pool = new WorkerPool();
        var e = Assert.Throws<InvalidOperationException>(() => pool.Run(&ThrowInLastShare, null, 2));
        Assert.Equal("share 1", e.Message);
        int* perShare = stackalloc int[2];
        var counts = new Counts { PerShare = perShare, Workers = 2, SlowShare = -1, Caller = Environment.CurrentManagedThreadId };
        pool.Run(&CountShare, &counts, 2);
        Assert.Equal(1, perShare[0]);
        Assert.Equal(1, perShare[1]);
    }
}
