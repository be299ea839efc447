using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace Knobs.Cuda.Native;

/// <summary>The real machine: process environment, the file system and <see cref="NativeLibrary"/>.</summary>
public sealed class SystemLibraryProbe : ILibraryProbe
{
    /// <summary>The one instance.</summary>
    public static SystemLibraryProbe Instance { get; } = new();

    private SystemLibraryProbe()
    {
    }

    /// <inheritdoc/>
    public string? Environment(string name) => System.Environment.GetEnvironmentVariable(name);

    /// <inheritdoc/>
    public bool FileExists(string path) => File.Exists(path);

    /// <inheritdoc/>
    public IEnumerable<string> Folders(string folder, string pattern)
    {
        try
        {
            return Directory.Exists(folder) ? Directory.GetDirectories(folder, pattern).OrderBy(d => d, StringComparer.Ordinal).ToArray() : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <inheritdoc/>
    public bool TryLoad(string nameOrPath, out IntPtr handle, out string? error)
    {
        try
        {
            handle = NativeLibrary.Load(nameOrPath);
            error = null;
            return true;
        }
        catch (DllNotFoundException e)
        {
            handle = IntPtr.Zero;
            error = e.Message;
            return false;
        }
        catch (BadImageFormatException e)
        {
            handle = IntPtr.Zero;
            error = e.Message;
            return false;
        }
    }
}
