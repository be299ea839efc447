using System;
using System.Collections.Generic;
using System.Linq;

namespace Knobs.Cuda.Native;

/// <summary>
/// A native CUDA library could not be loaded from any place searched. The message names the library, every place
/// tried (with the loader's own error where a file existed but would not load) and what to install or set.
/// </summary>
public sealed class CudaLibraryNotFoundException : Exception
{
    /// <summary>Creates the exception for <paramref name="library"/> after trying <paramref name="attempts"/>.</summary>
    public CudaLibraryNotFoundException(CudaLibrary library, IReadOnlyList<string> attempts)
        : base(Describe(library, attempts))
    {
        Library = library;
        Attempts = attempts;
    }

    /// <summary>The library that is missing.</summary>
    public CudaLibrary Library { get; }

    /// <summary>Every place tried, in order, each with what happened there.</summary>
    public IReadOnlyList<string> Attempts { get; }

    private static string Describe(CudaLibrary library, IReadOnlyList<string> attempts)
    {
        CudaLibrarySpec spec = CudaLibrarySpec.Of(library);
        return $"The CUDA backend needs {string.Join(" or ", spec.FileNames)} ({library}) and found it nowhere. Searched, in order:"
            + string.Concat(attempts.Select(a => Environment.NewLine + "  - " + a))
            + Environment.NewLine + $"To fix: {spec.Remedy}; or set {LibraryLocator.DirectoryVariable} to the folder that holds it.";
    }
}
