using System.Runtime.CompilerServices;

namespace Knobs.Configurations;

/// <summary>
/// <c>MethodImplOptions.AggressiveOptimization</c> (value 512; netstandard2.0 does not name it, the runtime honours it):
/// the per-line and per-op methods of reading and simulating are compiled fully optimised at once instead of running
/// unoptimised tier-0 code for the first ~100 ms, which is most of a single file's read in a fresh process.
/// </summary>
internal static class HotPath
{
    public const MethodImplOptions Optimized = (MethodImplOptions)512;
}
