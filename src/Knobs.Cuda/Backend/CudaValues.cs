using System;
using Knobs.Tensors;
using Knobs.Tensors.Backends;

namespace Knobs.Cuda;

/// <summary>A tensor's values in GPU memory: a buffer of the backend's pool, given back to it on dispose.</summary>
internal sealed class CudaValues : DeviceValues
{
    private readonly DeviceMemoryPool _pool;
    private DeviceBuffer? _buffer;

    public CudaValues(StorageDomain domain, DType dtype, int length, DeviceMemoryPool pool) : base(domain, dtype, length)
    {
        _pool = pool;
        _buffer = pool.Rent(Bytes);
    }

    public DeviceBuffer Buffer => _buffer ?? throw new ObjectDisposedException(nameof(CudaValues), "These GPU values were given back to the pool.");

    public ulong Pointer => Buffer.Pointer;

    public override void Download(Span<float> destination)
    {
        if (DType != DType.Float32) throw new InvalidOperationException($"These GPU values are {DType}; download them as Half.");
        Buffer.Download(destination[..Length]);
    }

    public override void Download(Span<Half> destination)
    {
        if (DType != DType.Float16) throw new InvalidOperationException($"These GPU values are {DType}; download them as float.");
        Buffer.Download(destination[..Length]);
    }

    // Work already queued that reads or writes the buffer runs before any later use of it: the pool hands it out again
    // only to work queued on the same stream.
    public override void Dispose()
    {
        if (System.Threading.Interlocked.Exchange(ref _buffer, null) is { } buffer) _pool.Return(buffer);
    }
}
