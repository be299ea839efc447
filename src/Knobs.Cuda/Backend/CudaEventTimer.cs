using System.Collections.Generic;
using Knobs.Cuda.Native;
using Knobs.Tensors.Backends;

namespace Knobs.Cuda;

/// <summary>
/// Times ops on the GPU's own clock: an event recorded on the stream before the op and one after it. It
/// <see cref="OpTimer.Defers"/>: <see cref="End"/> records the second event and returns at once, and <see cref="Resolve"/>
/// reads the span between the two when the profiler asks at the end of the run (the events have passed by then), so
/// the host never waits for the GPU between ops. Launch overhead on the host is not in an op's time; queued work before
/// the op is not either.
/// </summary>
internal sealed class CudaEventTimer(CudaDevice device) : OpTimer
{
    private readonly object _gate = new();
    private readonly List<nint> _events = [];
    private readonly Stack<int> _idle = new();

    public override string Name => "cuda-events";

    public override bool Defers => true;

    public override long Begin()
    {
        int slot = Take();
        Record(slot);
        return slot;
    }

    /// <summary>Records the end event; the token holds both events' slots.</summary>
    public override long End(long begin)
    {
        int end = Take();
        Record(end);
        return (begin << 32) | (uint)end;
    }

    public override long Resolve(long token)
    {
        int start = (int)(token >> 32), end = (int)(uint)token;
        nint e = Event(end), s = Event(start);
        CuDriver.Check(CuDriver.cuEventSynchronize(e));
        CuDriver.Check(CuDriver.cuEventElapsedTime(out float ms, s, e));
        Give(start);
        Give(end);
        return (long)(ms * (System.Diagnostics.Stopwatch.Frequency / 1000.0));
    }

    public override void Drop(long token)
    {
        Give((int)(token >> 32));
        Give((int)(uint)token);
    }

    private void Record(int slot)
    {
        device.MakeCurrent();
        CuDriver.Check(CuDriver.cuEventRecord(Event(slot), device.Stream));
    }

    private nint Event(int slot)
    {
        lock (_gate) return _events[slot];
    }

    private int Take()
    {
        lock (_gate)
        {
            if (_idle.Count > 0) return _idle.Pop();
            device.MakeCurrent();
            CuDriver.Check(CuDriver.cuEventCreate(out nint e, CuDriver.EventDefault));
            _events.Add(e);
            return _events.Count - 1;
        }
    }

    private void Give(int slot)
    {
        lock (_gate) _idle.Push(slot);
    }
}
