using System.Threading;

namespace Knobs.Tensors.Backends;

/// <summary>
/// A place on a weight tensor where a backend may keep a prepared form of that weight between calls — the Cpu backend
/// keeps a convolution filter packed for its GEMM there, as PyTorch's frozen modules and onnxruntime's initializers
/// pre-pack theirs. The tensor empties it whenever its values may change (a writable span is handed out, the tensor is
/// disposed), so a prepared form never outlives the values it was made from. One entry: a backend that finds another
/// backend's (or another knob's) entry replaces it.
/// </summary>
public sealed class WeightSlot
{
    private object? _value;

    /// <summary>The prepared form a backend stored, or null.</summary>
    public object? Value => Volatile.Read(ref _value);

    /// <summary>Stores <paramref name="value"/> (immutable once published: other threads may be reading the old one).</summary>
    public void Publish(object value) => Volatile.Write(ref _value, value);

    internal void Clear() => Volatile.Write(ref _value, null);
}
