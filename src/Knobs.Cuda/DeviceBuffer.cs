using System;
using System.Runtime.InteropServices;
using Knobs.Cuda.Native;

namespace Knobs.Cuda;

/// <summary>Device memory owned by one <see cref="CudaDevice"/>: allocated with cuMemAlloc, freed on dispose.</summary>
public sealed unsafe class DeviceBuffer : IDisposable
{
    private readonly CudaDevice _device;
    private ulong _pointer;

    internal DeviceBuffer(CudaDevice device, long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        _device = device;
        device.MakeCurrent();
        CuDriver.Check(CuDriver.cuMemAlloc(out _pointer, (nuint)bytes));
        Bytes = bytes;
    }

    /// <summary>The size in bytes.</summary>
    public long Bytes { get; }

    /// <summary>The device address (CUdeviceptr).</summary>
    public ulong Pointer => _pointer != 0 ? _pointer : throw new ObjectDisposedException(nameof(DeviceBuffer));

    /// <summary>Copies <paramref name="source"/> to the start of the buffer, in stream order, and waits for the copy.</summary>
    public void Upload<T>(ReadOnlySpan<T> source) where T : unmanaged
    {
        long bytes = (long)source.Length * sizeof(T);
        if (bytes > Bytes) throw new ArgumentException($"{bytes} bytes do not fit a buffer of {Bytes}.", nameof(source));
        _device.MakeCurrent();
        fixed (T* p = source)
        {
            CuDriver.Check(CuDriver.cuMemcpyHtoDAsync(Pointer, p, (nuint)bytes, _device.Stream));
            CuDriver.Check(CuDriver.cuStreamSynchronize(_device.Stream));
        }
    }

    /// <summary>Copies the start of the buffer into <paramref name="destination"/>, after the stream's earlier work.</summary>
    public void Download<T>(Span<T> destination) where T : unmanaged
    {
        long bytes = (long)destination.Length * sizeof(T);
        if (bytes > Bytes) throw new ArgumentException($"{bytes} bytes are more than the buffer's {Bytes}.", nameof(destination));
        _device.MakeCurrent();
        fixed (T* p = destination)
        {
            CuDriver.Check(CuDriver.cuMemcpyDtoHAsync(p, Pointer, (nuint)bytes, _device.Stream));
            CuDriver.Check(CuDriver.cuStreamSynchronize(_device.Stream));
        }
    }

    /// <summary>Sets every byte to zero, in stream order.</summary>
    public void Clear()
    {
        _device.MakeCurrent();
        CuDriver.Check(CuDriver.cuMemsetD8Async(Pointer, 0, (nuint)Bytes, _device.Stream));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_pointer == 0) return;
        _device.MakeCurrent();
        CuDriver.cuMemFree(_pointer);
        _pointer = 0;
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the memory if the owner forgot (the context outlives its buffers: it is the primary context).</summary>
    ~DeviceBuffer()
    {
        // The finalizer thread has no current context: make the device's current first (errors are ignored here).
        if (_pointer != 0 && _device.IsOpen && _device.TryMakeCurrent()) CuDriver.cuMemFree(_pointer);
    }
}
