using System;
using System.Collections.Generic;

namespace Knobs.Cuda.Native;

/// <summary>What <see cref="LibraryLocator"/> asks of the machine: environment, folders and the loader. Tests supply a fake.</summary>
public interface ILibraryProbe
{
    /// <summary>An environment variable's value, or null.</summary>
    string? Environment(string name);

    /// <summary>Whether <paramref name="path"/> is an existing file.</summary>
    bool FileExists(string path);

    /// <summary>The existing sub-folders of <paramref name="folder"/> whose names match <paramref name="pattern"/> (a file-system wildcard).</summary>
    IEnumerable<string> Folders(string folder, string pattern);

    /// <summary>Loads <paramref name="nameOrPath"/> (a bare name goes through the loader's search path); false with the loader's error when it cannot.</summary>
    bool TryLoad(string nameOrPath, out IntPtr handle, out string? error);
}
