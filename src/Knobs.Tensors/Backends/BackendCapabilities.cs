namespace Knobs.Tensors.Backends;

/// <summary>What a backend can do beyond the kernel contract, so callers decide instead of guessing.</summary>
/// <param name="NativeHalf">Its kernels compute in fp16 natively (false: Half ops widen to fp32 around fp32 kernels).</param>
/// <param name="FusedEpilogues">
/// Its convolution applies a <see cref="ConvEpilogue"/> while the result is still in cache; ops only defer a convolution
/// to fuse its epilogue (see <see cref="Ops.FuseEpilogues"/>) on a backend that says so.
/// </param>
/// <param name="DeviceMemory">Its tensors live in memory of their own (its <see cref="IBackend.Storage"/> is not the host's).</param>
public sealed record BackendCapabilities(bool NativeHalf, bool FusedEpilogues, bool DeviceMemory);
