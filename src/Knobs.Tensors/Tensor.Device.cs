using System;
using System.Buffers;
using System.Threading;
using Knobs.Tensors.Backends;

namespace Knobs.Tensors;

// Values in a device's own memory (see DeviceValues). An op of a device backend makes a tensor that holds only device
// values; the host arrays are filled on the first host read (a d2h transition). A host tensor an op of a device backend
// reads is uploaded once (an h2d transition) and keeps that copy until its host values may change or it is disposed. A
// weight read at the other precision also keeps its converted device copy (HPVM converts weights in place once).
public sealed partial class Tensor
{
    private DeviceValues? _device;
    private DeviceValues? _deviceConverted;

    private Tensor(int[] shape, DeviceValues values)
    {
        _shape = shape;
        Length = ElementCount(shape);
        if (values.Length != Length) throw new ArgumentException($"Device values of {values.Length} elements for a tensor of {Length}.", nameof(values));
        DType = values.DType;
        Storage = values.Domain;
        _device = values;
        TensorScope.Track(this);
    }

    /// <summary>A tensor whose values are <paramref name="values"/>, in their device's memory only.</summary>
    internal static Tensor OnDevice(int[] shape, DeviceValues values) => new(shape, values);

    /// <summary>True while this tensor's values are on a device and not (yet) copied to the host.</summary>
    public bool IsOnDeviceOnly => _device is not null && _f32 is null && _f16 is null;

    /// <summary>
    /// This tensor's values in <paramref name="kernels"/>' memory: its device copy there, else its host values uploaded
    /// once (a counted h2d transition) and kept.
    /// </summary>
    internal DeviceValues DeviceValuesIn(IDeviceKernels kernels)
    {
        if (_deferred is not null) Materialize();
        DeviceValues? held = _device;
        if (held is not null && ReferenceEquals(held.Domain, kernels.Storage)) return held;
        lock (this)
        {
            held = _device;
            if (held is not null && ReferenceEquals(held.Domain, kernels.Storage)) return held;
            DeviceValues made = DType == DType.Float32 ? Transfers.Upload(kernels, Live32().AsSpan(0, Length)) : Transfers.Upload(kernels, Live16().AsSpan(0, Length));
            // A copy in another device's memory is given up (one device at a time); the host values stay.
            DropDevice();
            _device = made;
            return made;
        }
    }

    /// <summary>A weight's device values converted to the other precision, once (null until <see cref="KeepDeviceConverted"/>).</summary>
    internal DeviceValues? DeviceConverted(IDeviceKernels kernels) =>
        _deviceConverted is { } c && ReferenceEquals(c.Domain, kernels.Storage) ? c : null;

    /// <summary>Keeps <paramref name="converted"/> as this weight's converted device values (replacing any other).</summary>
    internal void KeepDeviceConverted(DeviceValues converted)
    {
        Interlocked.Exchange(ref _deviceConverted, converted)?.Dispose();
    }

    // Fills the host arrays from the device copy (a counted d2h transition). The caller has checked there are none.
    private void Download()
    {
        lock (this)
        {
            DeviceValues? d = _device;
            if (d is null || _f32 is not null || _f16 is not null) return;
            if (DType == DType.Float32)
            {
                float[] values = ArrayPool<float>.Shared.Rent(Math.Max(Length, 1));
                Transfers.Download(d, values.AsSpan(0, Length));
                _f32 = values;
            }
            else
            {
                Half[] values = ArrayPool<Half>.Shared.Rent(Math.Max(Length, 1));
                Transfers.Download(d, values.AsSpan(0, Length));
                _f16 = values;
            }
        }
    }

    // The host values are about to change, or the tensor goes away: the device copies no longer hold.
    private void DropDevice()
    {
        Interlocked.Exchange(ref _device, null)?.Dispose();
        Interlocked.Exchange(ref _deviceConverted, null)?.Dispose();
    }
}
