using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Knobs.Tensors.Backends.Cpu;

/// <summary>
/// A small persistent pool: the caller is worker 0 and <c>threads − 1</c> background threads are the others. A job is
/// a static function pointer plus a context pointer, so dispatching allocates nothing (no closures, no Parallel.For).
/// Between jobs workers spin for 50 µs, then spin yielding, then block. One job at a time (the backend is called from one thread at a time).
/// </summary>
/// <remarks>
/// <para>Run, the worker loop and the share runner are compiled fully optimized from the start, never tiered (the
/// worker loop runs for the life of the process, and would otherwise run as tier-0 code until on-stack replacement).
/// On a small VM whose vCPUs share physical cores there can be spells of seconds in which two threads run slower than
/// one; they come from the host, not from this pool (the networks benchmark's FMA probe shows them with no memory
/// traffic at all).</para>
/// <para>Every share of a job (worker index 1 … n − 1) is claimed exactly once, by its worker when it wakes or by the caller
/// once the caller's own share is done: a worker that is slow to wake (blocked, or sharing a core with the caller) never
/// holds the caller up, so n threads are never much slower than one. (Were the caller to wait for every worker, a
/// network at batch 1 would pay one thread wake-up per convolution, which is more than such a small convolution costs.)</para>
/// </remarks>
internal sealed unsafe class WorkerPool : IDisposable
{
    private readonly object _gate = new();
    private Worker[] _workers = [];
    private int[] _claimed = [];
    private delegate*<void*, int, int, void> _job;
    private void* _context;
    private int _jobWorkers;
    private int _pending;
    private ExceptionDispatchInfo? _failure;
    private volatile bool _disposed;

    /// <summary>Runs <paramref name="job"/>(context, worker, workers) on <paramref name="workers"/> threads and waits for all.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run(delegate*<void*, int, int, void> job, void* context, int workers)
    {
        if (workers <= 1)
        {
            job(context, 0, 1);
            return;
        }
        lock (_gate)
        {
            EnsureWorkers(workers - 1);
            _job = job;
            _context = context;
            _jobWorkers = workers;
            _failure = null;
            Volatile.Write(ref _pending, workers - 1);
            // Publishing the shares (after the job fields) is what lets a worker run them.
            for (int i = 1; i < workers; i++) Volatile.Write(ref _claimed[i], 0);
            for (int i = 0; i < workers - 1; i++) _workers[i].Signal.Set();
            try
            {
                job(context, 0, workers);
                for (int i = 1; i < workers; i++)
                {
                    if (Interlocked.Exchange(ref _claimed[i], 1) == 0) RunShare(i);
                }
            }
            finally
            {
                var spin = new SpinWait();
                while (Volatile.Read(ref _pending) != 0) spin.SpinOnce(sleep1Threshold: -1);
            }
            _failure?.Throw();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunShare(int index)
    {
        try
        {
            _job(_context, index, _jobWorkers);
        }
        catch (Exception e)
        {
            _failure ??= ExceptionDispatchInfo.Capture(e);
        }
        Interlocked.Decrement(ref _pending);
    }

    private void EnsureWorkers(int count)
    {
        if (_workers.Length >= count) return;
        var claimed = new int[count + 1];
        Array.Fill(claimed, 1); // nothing to claim until a job publishes its shares
        _claimed = claimed;
        var grown = new Worker[count];
        Array.Copy(_workers, grown, _workers.Length);
        for (int i = _workers.Length; i < count; i++)
        {
            var worker = new Worker(i + 1);
            grown[i] = worker;
            worker.Thread = new Thread(() => Loop(worker)) { IsBackground = true, Name = $"Knobs.Cpu worker {i + 1}" };
            worker.Thread.Start();
        }
        _workers = grown;
    }

    // Between jobs a worker waits on its event (a short spin, then a futex): a blocked thread that is woken gets the
    // scheduler's wake-up preference, while a thread that spins for long on a shared, busy 2-core machine exhausts its
    // time slice and then waits milliseconds for the next one, turning microsecond calls into millisecond ones. A worker
    // that wakes after the caller took its share finds nothing to claim and waits again.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Loop(Worker worker)
    {
        while (true)
        {
            // A short pure spin first (SpinTicks): jobs come microseconds apart while a network runs, and the event's
            // own spin, which yields the processor between checks, notices a job later, a noticeable share of a job
            // that lasts a few microseconds. Then the event: a short yielding spin and a futex.
            long until = Stopwatch.GetTimestamp() + SpinTicks;
            while (!worker.Signal.IsSet && Stopwatch.GetTimestamp() < until) Thread.SpinWait(4);
            worker.Signal.Wait();
            worker.Signal.Reset();
            if (_disposed) return;
            if (Interlocked.Exchange(ref _claimed[worker.Index], 1) == 0) RunShare(worker.Index);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (Worker w in _workers) w.Signal.Set();
    }

    // 50 µs: far below a scheduler time slice, far above the gaps between a network's ops.
    private static readonly long SpinTicks = Stopwatch.Frequency / 20_000;

    private sealed class Worker(int index)
    {
        public int Index { get; } = index;
        public ManualResetEventSlim Signal { get; } = new(false, spinCount: 2000);
        public Thread? Thread { get; set; }
    }
}
