using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Knobs.Cuda.Native;

/// <summary>
/// The one place the CUDA libraries are loaded: the bindings import logical names (<see cref="CudaLibrarySpec.ImportName"/>)
/// and this assembly's <see cref="NativeLibrary.SetDllImportResolver"/> maps each to the file <see cref="LibraryLocator"/> found.
/// Entry points call <see cref="Ensure"/> first, so a missing library surfaces as a <see cref="CudaLibraryNotFoundException"/>,
/// never as a <see cref="DllNotFoundException"/> at a user.
/// </summary>
public static class CudaNativeLibraries
{
    private static readonly object Gate = new();
    private static readonly Dictionary<CudaLibrary, (IntPtr Handle, string From)> Loaded = [];
    private static string? _explicitFolder;

#pragma warning disable CA2255 // the resolver must be in place before any binding of this assembly is called
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => NativeLibrary.SetDllImportResolver(typeof(CudaNativeLibraries).Assembly, Resolve);

    /// <summary>
    /// A folder to search before everything else (the backend's explicit path property). Only libraries not yet loaded
    /// are affected.
    /// </summary>
    public static void UseFolder(string? folder)
    {
        lock (Gate) _explicitFolder = folder;
    }

    /// <summary>Loads <paramref name="library"/> if it is not loaded yet; the path or name it came from.</summary>
    /// <exception cref="CudaLibraryNotFoundException">No place searched has it.</exception>
    public static string Ensure(CudaLibrary library)
    {
        lock (Gate)
        {
            if (Loaded.TryGetValue(library, out var known)) return known.From;
            var found = new LibraryLocator(SystemLibraryProbe.Instance, _explicitFolder).Load(library);
            Loaded[library] = found;
            return found.From;
        }
    }

    /// <summary>Whether <paramref name="library"/> can be loaded here (loading it if so).</summary>
    public static bool IsAvailable(CudaLibrary library)
    {
        try
        {
            Ensure(library);
            return true;
        }
        catch (CudaLibraryNotFoundException)
        {
            return false;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        foreach (CudaLibrarySpec spec in CudaLibrarySpec.All)
        {
            if (spec.ImportName != name) continue;
            Ensure(spec.Library);
            lock (Gate) return Loaded[spec.Library].Handle;
        }
        return IntPtr.Zero;
    }
}
