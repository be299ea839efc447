#if !NET5_0_OR_GREATER
namespace System.Runtime.CompilerServices
{
    // Records and init accessors on netstandard2.0 (Knobs.Core keeps its own, internal, copy).
    internal static class IsExternalInit
    {
    }
}
#endif
