using System;

namespace Knobs.Tensors;

/// <summary>
/// The one exception tensor ops throw for invalid arguments: mismatched shapes or channels, a zero stride, a window
/// that does not fit, an approximation that would compute nothing. The message names the op and the offending values.
/// </summary>
public sealed class TensorOpException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="op"/> (an <see cref="Ops"/> method name).</summary>
    public TensorOpException(string op, string message) : base($"Ops.{op}: {message}") => Op = op;

    /// <summary>The op that rejected its arguments, e.g. <c>Convolution</c>.</summary>
    public string Op { get; }
}
