using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Knobs.Statistics;
using Knobs.Tensors;
using Knobs.Tensors.Backends.Cpu;

namespace Knobs.Runtime.CoRunning;

/// <summary>A DNN of a co-run: a variant or configuration row, per node (id − 1) the core it runs on, and its batch.</summary>
internal sealed record CoRunDnn(string Name, BenchmarkVariant Variant, int[] NodeCore, int Batch);

/// <summary>One measured round: the makespan, each DNN's end, and each node's time (ms, from the round's common start).</summary>
internal sealed record CoRunRound(double MakespanMs, double[] EndMs, double[][] NodeMs);

/// <summary>
/// Runs DNNs at the same time, each on a thread of its own with a one-thread Cpu backend (epilogues unfused, as profiling
/// runs them), pinned to the cores its nodes
/// name; with core orders, a segment (consecutive nodes of one DNN on one core) waits for its turn on its core. Every round
/// starts all DNNs together from a barrier whose waiting threads block; warm-up rounds are not returned.
/// </summary>
internal sealed class CoRunner
{
    /// <summary>How long a segment may wait for its core before the co-run is declared stalled.</summary>
    public static readonly TimeSpan Stall = TimeSpan.FromSeconds(120);

    private readonly IReadOnlyList<CoRunDnn> _dnns;
    private readonly CoreTurns? _turns;
    private readonly CoRunObserver[] _observers;
    private readonly long[] _ends;
    private readonly CoRunRound[] _rounds;
    private readonly int? _warmup;
    private readonly Stopwatch _clock = new();
    private long _t0;
    private int _finished;
    private int _warmed;
    private int _measured;
    private bool _measuring;
    private bool _stop;

    /// <summary>Automatic warm-up: at least this many rounds …</summary>
    public const int AutoWarmupRounds = 5;

    /// <summary>… and at least this long (the JIT has compiled the hot code at its final tier by then).</summary>
    public static readonly TimeSpan AutoWarmupTime = TimeSpan.FromSeconds(2);

    private CoRunner(IReadOnlyList<CoRunDnn> dnns, (int Dnn, int Node)[][]? order, int? warmup, int rounds)
    {
        _dnns = dnns;
        _turns = order is null ? null : new CoreTurns(order, Stall);
        _observers = new CoRunObserver[dnns.Count];
        for (int k = 0; k < dnns.Count; k++) _observers[k] = new CoRunObserver(k, dnns[k].NodeCore, _turns);
        _ends = new long[dnns.Count];
        _rounds = new CoRunRound[rounds];
        _warmup = warmup;
    }

    /// <summary>
    /// Runs <paramref name="dnns"/> together for <paramref name="warmup"/> rounds (null: at least
    /// <see cref="AutoWarmupRounds"/> and <see cref="AutoWarmupTime"/>), then <paramref name="rounds"/> measured ones, with
    /// the core orders of <paramref name="order"/> (null: none) and, when <paramref name="load"/> is given, that DNN running
    /// over and over on its own cores throughout (a co-runner whose effect is being measured).
    /// </summary>
    public static IReadOnlyList<CoRunRound> Run(IReadOnlyList<CoRunDnn> dnns, (int Dnn, int Node)[][]? order, int? warmup, int rounds,
        CoRunDnn? load = null)
        => new CoRunner(dnns, order, warmup, rounds).Execute(load);

    private CoRunRound[] Execute(CoRunDnn? load)
    {
        int n = _dnns.Count;
        var failures = new Exception?[n + 1];
        // Between rounds, with every DNN waiting: end the warm-up, or stop after the last measured round.
        var barrier = new RoundBarrier(n, () =>
        {
            if (!_measuring && (_warmup is int w ? _warmed >= w : _warmed >= AutoWarmupRounds && _clock.Elapsed >= AutoWarmupTime)) _measuring = true;
            _stop = _measured == _rounds.Length;
            _turns?.Reset();
            _t0 = Stopwatch.GetTimestamp();
        });
        using var stopLoad = new ManualResetEventSlim(false);
        Thread? loader = null;
        if (load is not null)
        {
            var observer = new CoRunObserver(n, load.NodeCore, null);
            loader = Start("corun load " + load.Name, () =>
            {
                try
                {
                    WithOwnBackend(load, observer, input =>
                    {
                        while (!stopLoad.IsSet)
                        {
                            using (new TensorScope()) load.Variant.Run(input);
                        }
                    });
                }
                catch (Exception e)
                {
                    failures[n] = e;
                }
            });
            // The load is running before the measured DNNs start, so every measured round has it beside.
            Thread.Sleep(200);
        }
        _clock.Start();
        var threads = new Thread[n];
        for (int k = 0; k < n; k++)
        {
            int dnn = k;
            threads[k] = Start("corun " + _dnns[dnn].Name, () =>
            {
                try
                {
                    WithOwnBackend(_dnns[dnn], _observers[dnn], input =>
                    {
                        while (true)
                        {
                            barrier.Arrive();
                            if (_stop) break;
                            // As profiling runs it: the run's intermediate tensors go back to the pool when it ends.
                            using (new TensorScope()) _dnns[dnn].Variant.Run(input);
                            Finished(dnn);
                        }
                    });
                }
                catch (Exception e)
                {
                    failures[dnn] = e;
                    barrier.Leave();
                }
            });
        }
        foreach (Thread t in threads) t.Join();
        stopLoad.Set();
        loader?.Join();
        Exception? failure = Array.Find(failures, e => e is not null);
        if (failure is not null) throw new InvalidOperationException("a co-run DNN failed: " + failure.Message, failure);
        return _rounds;
    }

    /// <summary>
    /// A barrier whose waiting threads block at once instead of spinning: a DNN that has finished its round must not take
    /// the processor from the others (on a machine whose cores are hyperthreads of one core, a spinning sibling slows a
    /// running DNN as much as a real co-runner does).
    /// </summary>
    private sealed class RoundBarrier(int participants, Action between)
    {
        private readonly object _lock = new();
        private int _participants = participants;
        private int _arrived;
        private long _phase;

        public void Arrive()
        {
            lock (_lock)
            {
                long phase = _phase;
                if (++_arrived >= _participants)
                {
                    Next();
                    return;
                }
                while (_phase == phase) Monitor.Wait(_lock);
            }
        }

        public void Leave()
        {
            lock (_lock)
            {
                _participants--;
                if (_arrived > 0 && _arrived >= _participants) Next();
            }
        }

        private void Next()
        {
            _arrived = 0;
            between();
            _phase++;
            Monitor.PulseAll(_lock);
        }
    }

    private static Thread Start(string name, Action body)
    {
        var t = new Thread(() => body()) { IsBackground = true, Name = name };
        t.Start();
        return t;
    }

    // The last DNN to finish a round records it; the next round's barrier waits for every DNN anyway.
    private void Finished(int dnn)
    {
        _ends[dnn] = Stopwatch.GetTimestamp();
        lock (_rounds)
        {
            if (++_finished < _dnns.Count) return;
            _finished = 0;
            if (_measuring) _rounds[_measured++] = Record(_dnns, _observers, _ends, _t0);
            else _warmed++;
        }
    }

    // On this thread: a one-thread Cpu backend of its own, the variant's input, the observer on its row; then the body.
    private static void WithOwnBackend(CoRunDnn dnn, CoRunObserver observer, Action<Tensor> body)
    {
        using var backend = new CpuBackend { Threads = 1 };
        // Unfused, as profiling measures (every op computes when called): the tables' times are of this code.
        using TensorContext.Scope scope = TensorContext.Enter(TensorContext.Current.WithBackend(backend).WithFusion(false));
        RunChoices choices = dnn.Variant.Choices
            ?? throw new InvalidOperationException($"{dnn.Name}: a co-run needs a variant of a generated switched Run (its nodes are watched)");
        choices.Observer = observer;
        try
        {
            body(dnn.Variant.Input(dnn.Batch));
        }
        finally
        {
            choices.Observer = null;
        }
    }

    private static CoRunRound Record(IReadOnlyList<CoRunDnn> dnns, CoRunObserver[] observers, long[] ends, long t0)
    {
        double ms = 1000.0 / Stopwatch.Frequency;
        var endMs = new double[dnns.Count];
        var nodeMs = new double[dnns.Count][];
        for (int k = 0; k < dnns.Count; k++)
        {
            endMs[k] = (ends[k] - t0) * ms;
            CoRunObserver o = observers[k];
            nodeMs[k] = new double[o.Starts.Length];
            for (int i = 0; i < nodeMs[k].Length; i++) nodeMs[k][i] = (o.Ends[i] - o.Starts[i]) * ms;
        }
        return new CoRunRound(endMs.Max(), endMs, nodeMs);
    }

    /// <summary>The <paramref name="p"/>-quantile of <paramref name="values"/> (the statistics' own, type 7).</summary>
    public static double Quantile(IEnumerable<double> values, double p) => TukeyFilter.Quantile(values.OrderBy(x => x).ToArray(), p);

    /// <summary>The median of <paramref name="values"/>.</summary>
    public static double Median(IEnumerable<double> values) => Quantile(values, 0.5);
}
