using System.Collections.Generic;

namespace Knobs.Cuda;

/// <summary>
/// GPU buffers kept for reuse, by size (rounded up to 256 bytes): a network's tensors have the same sizes on every run,
/// so after the first run no op allocates device memory (cuMemAlloc synchronises the device). Every buffer is used by
/// work on the one stream of its device, so a buffer given back while a kernel that reads it is still queued is only
/// handed out to work queued after that kernel.
/// </summary>
internal sealed class DeviceMemoryPool(CudaDevice device)
{
    private const long Granule = 256;
    private readonly object _gate = new();
    private readonly Dictionary<long, Stack<DeviceBuffer>> _free = [];

    /// <summary>Bytes held in free buffers.</summary>
    public long FreeBytes { get; private set; }

    public DeviceBuffer Rent(long bytes)
    {
        long size = (bytes + Granule - 1) / Granule * Granule;
        lock (_gate)
        {
            if (_free.TryGetValue(size, out Stack<DeviceBuffer>? stack) && stack.Count > 0)
            {
                FreeBytes -= size;
                return stack.Pop();
            }
        }
        return device.Allocate(size);
    }

    public void Return(DeviceBuffer buffer)
    {
        lock (_gate)
        {
            if (!_free.TryGetValue(buffer.Bytes, out Stack<DeviceBuffer>? stack)) _free[buffer.Bytes] = stack = new Stack<DeviceBuffer>();
            stack.Push(buffer);
            FreeBytes += buffer.Bytes;
        }
    }

    /// <summary>Frees every buffer held (the device must be idle or the buffers unused by queued work).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (Stack<DeviceBuffer> stack in _free.Values)
                while (stack.Count > 0) stack.Pop().Dispose();
            _free.Clear();
            FreeBytes = 0;
        }
    }
}
