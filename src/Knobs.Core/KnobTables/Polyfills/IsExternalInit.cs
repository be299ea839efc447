#if !NET5_0_OR_GREATER
namespace System.Runtime.CompilerServices
{
    // Records and init accessors on netstandard2.0 (this folder is also compiled into the generator).
    internal static class IsExternalInit
    {
    }
}
#endif
