using System;
using System.Diagnostics;
using System.Threading;

namespace Knobs.Runtime.CoRunning;

/// <summary>
/// The order in which the DNNs of a co-run use each core: per core, the (DNN, first node) of every segment that runs
/// there, in schedule order. A segment waits until it is first in its core's order; ending it passes the core on.
/// </summary>
internal sealed class CoreTurns
{
    private readonly (int Dnn, int Node)[][] _order;
    private readonly int[] _next;
    private readonly object _lock = new();
    private readonly TimeSpan _stall;

    public CoreTurns((int Dnn, int Node)[][] order, TimeSpan stall)
    {
        _order = order;
        _next = new int[order.Length];
        _stall = stall;
    }

    /// <summary>Every core back at the start of its order (between rounds).</summary>
    public void Reset()
    {
        lock (_lock) Array.Clear(_next);
    }

    public void Acquire(int core, int dnn, int node)
    {
        lock (_lock)
        {
            var wait = Stopwatch.StartNew();
            while (!(_next[core] < _order[core].Length && _order[core][_next[core]] == (dnn, node)))
            {
                TimeSpan left = _stall - wait.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    throw new InvalidOperationException(
                        $"co-run stalled: DNN {dnn} node {node} waited {_stall.TotalSeconds:F0} s for core {core}, whose turn is at entry {_next[core]} of {_order[core].Length}; the schedule's core orders contradict its chains");
                }
                Monitor.Wait(_lock, left);
            }
        }
    }

    public void Release(int core)
    {
        lock (_lock)
        {
            _next[core]++;
            Monitor.PulseAll(_lock);
        }
    }
}

/// <summary>
/// One DNN's thread in a co-run: at every node it records when the previous node ended, and where a segment starts it
/// passes its core on, waits for its turn on the next core and pins itself there; it then records when the node started.
/// </summary>
internal sealed class CoRunObserver : INodeObserver
{
    private readonly int _dnn;
    private readonly int[] _nodeCore;
    private readonly bool[] _segmentStart;
    private readonly CoreTurns? _turns;
    private int _current = -1;
    private int _pinned = -1;

    /// <param name="dnn">The DNN's index in the co-run.</param>
    /// <param name="nodeCore">Per node (id − 1), its core.</param>
    /// <param name="turns">The core orders; null: no waiting (the DNN runs alone or ignores the others).</param>
    public CoRunObserver(int dnn, int[] nodeCore, CoreTurns? turns)
    {
        _dnn = dnn;
        _nodeCore = nodeCore;
        _turns = turns;
        _segmentStart = new bool[nodeCore.Length];
        for (int i = 0; i < nodeCore.Length; i++) _segmentStart[i] = i == 0 || nodeCore[i] != nodeCore[i - 1];
        Starts = new long[nodeCore.Length];
        Ends = new long[nodeCore.Length];
    }

    /// <summary>Per node, the timestamp (<see cref="Stopwatch.GetTimestamp"/>) it started, after any wait for its core.</summary>
    public long[] Starts { get; }

    /// <summary>Per node, the timestamp it ended.</summary>
    public long[] Ends { get; }

    public void NodeStarting(int nodeId)
    {
        long now = Stopwatch.GetTimestamp();
        int i = nodeId - 1;
        if (i > 0) Ends[i - 1] = now;
        if (_segmentStart[i])
        {
            int core = _nodeCore[i];
            if (_turns is not null)
            {
                if (_current >= 0) _turns.Release(_current);
                _turns.Acquire(core, _dnn, nodeId);
            }
            _current = core;
            if (_pinned != core)
            {
                CorePinning.Pin(core);
                _pinned = core;
            }
        }
        Starts[i] = Stopwatch.GetTimestamp();
    }

    public void RunEnded()
    {
        Ends[^1] = Stopwatch.GetTimestamp();
        if (_turns is not null && _current >= 0) _turns.Release(_current);
        _current = -1;
    }
}
