using System;
using Knobs.Cuda.Native;

namespace Knobs.Cuda;

/// <summary>A CUDA event on the device's stream: op timing without synchronising the device.</summary>
public sealed class CudaEvent : IDisposable
{
    private readonly CudaDevice _device;
    private nint _event;

    internal CudaEvent(CudaDevice device)
    {
        _device = device;
        device.MakeCurrent();
        CuDriver.Check(CuDriver.cuEventCreate(out _event, CuDriver.EventDefault));
    }

    /// <summary>Records the event at this point of the stream.</summary>
    public void Record()
    {
        _device.MakeCurrent();
        CuDriver.Check(CuDriver.cuEventRecord(Handle, _device.Stream));
    }

    /// <summary>Waits for the event (only this event, not the whole device).</summary>
    public void Synchronize() => CuDriver.Check(CuDriver.cuEventSynchronize(Handle));

    /// <summary>Milliseconds between <paramref name="start"/> and this event, both recorded and complete.</summary>
    public float MillisecondsSince(CudaEvent start)
    {
        ArgumentNullException.ThrowIfNull(start);
        Synchronize();
        CuDriver.Check(CuDriver.cuEventElapsedTime(out float ms, start.Handle, Handle));
        return ms;
    }

    private nint Handle => _event != 0 ? _event : throw new ObjectDisposedException(nameof(CudaEvent));

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_event == 0) return;
        CuDriver.cuEventDestroy(_event);
        _event = 0;
    }
}
