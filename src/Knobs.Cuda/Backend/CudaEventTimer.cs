using System.Collections.Generic;
using Knobs.Cuda.Native;
using Knobs.Tensors.Backends;

namespace Knobs.Cuda;

/// <summary>
/// Times ops on the GPU's own clock: an event recorded on the stream before the op and one after it; the time is the
/// span between them once the second has passed (the host waits for that event only, never for the whole device).
/// Launch overhead on the host is not in it, queued work before the op is not either.
/// </summary>
internal sealed class CudaEventTimer(CudaDevice device) : OpTimer
{
    private readonly object _gate = new();
    private readonly List<nint> _events = [];
    private readonly Stack<int> _idle = new();

    public override string Name => "cuda-events";

    public override long Begin()
    {
        int slot = Take();
        Record(slot);
        return slot;
    }

    public override long End(long begin)
    {
        int start = (int)begin, end = Take();
        Record(end);
        nint e = Event(end), s = Event(start);
        CuDriver.Check(CuDriver.cuEventSynchronize(e));
        CuDriver.Check(CuDriver.cuEventElapsedTime(out float ms, s, e));
        Give(start);
        Give(end);
        return (long)(ms * (System.Diagnostics.Stopwatch.Frequency / 1000.0));
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
