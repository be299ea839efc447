using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Knobs.Cuda.Native;

/// <summary>
/// Finds the CUDA libraries, in this order: an explicit folder (the constructor's, then <see cref="DirectoryVariable"/>),
/// the loader's own search by name (LD_LIBRARY_PATH, the ld cache), the CUDA toolkits under /usr/local
/// (<c>cuda*/lib64</c>, <c>cuda*/targets/x86_64-linux/lib</c>, newest first), then the NVIDIA wheels of Python environments
/// (<c>site-packages/nvidia/*/lib</c> of $VIRTUAL_ENV, $CONDA_PREFIX, ~/.local and the system's Pythons). A miss is a
/// <see cref="CudaLibraryNotFoundException"/> listing every place tried.
/// </summary>
public sealed class LibraryLocator
{
    /// <summary>The environment variable naming a folder that holds the libraries.</summary>
    public const string DirectoryVariable = "KNOBS_CUDA_LIB_DIR";

    private readonly ILibraryProbe _probe;
    private readonly string? _explicitFolder;

    /// <summary>A locator over <paramref name="probe"/>; <paramref name="explicitFolder"/>, when given, is searched first.</summary>
    public LibraryLocator(ILibraryProbe probe, string? explicitFolder = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        _probe = probe;
        _explicitFolder = string.IsNullOrWhiteSpace(explicitFolder) ? null : explicitFolder;
    }

    /// <summary>Loads <paramref name="library"/> from the first place that has it; the handle and the path or name that worked.</summary>
    public (IntPtr Handle, string From) Load(CudaLibrary library)
    {
        CudaLibrarySpec spec = CudaLibrarySpec.Of(library);
        var attempts = new List<string>();
        if (string.IsNullOrWhiteSpace(_probe.Environment(DirectoryVariable))) attempts.Add($"{DirectoryVariable}: not set");
        foreach ((string place, string? folder) in Places())
        {
            var misses = new List<string>();
            foreach (string file in spec.FileNames)
            {
                string target = folder is null ? file : Path.Combine(folder, file);
                if (folder is not null && !_probe.FileExists(target))
                {
                    misses.Add($"{file}: no such file");
                    continue;
                }
                if (_probe.TryLoad(target, out IntPtr handle, out string? error)) return (handle, target);
                misses.Add($"{file}: {(folder is null ? "not found by the loader" : "exists but did not load")}{(error is null ? "" : " (" + OneLine(error) + ")")}");
            }
            attempts.Add($"{place}: {string.Join("; ", misses)}");
        }
        throw new CudaLibraryNotFoundException(library, attempts);
    }

    /// <summary>The places searched, in order: a description and the folder (null: the loader's search by name).</summary>
    public IEnumerable<(string Place, string? Folder)> Places()
    {
        if (_explicitFolder is not null) yield return ($"explicit folder {_explicitFolder}", _explicitFolder);
        string? fromEnv = _probe.Environment(DirectoryVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv)) yield return ($"{DirectoryVariable}={fromEnv}", fromEnv);
        yield return ($"the loader's search path (LD_LIBRARY_PATH={_probe.Environment("LD_LIBRARY_PATH") ?? "unset"}, ld.so.cache)", null);
        foreach (string folder in ToolkitFolders()) yield return ($"CUDA toolkit {folder}", folder);
        foreach (string folder in WheelFolders()) yield return ($"Python wheel {folder}", folder);
    }

    private IEnumerable<string> ToolkitFolders()
    {
        // /usr/local/cuda (the alternatives link) first, then versioned toolkits, newest first.
        var roots = new List<string> { "/usr/local/cuda" };
        roots.AddRange(_probe.Folders("/usr/local", "cuda-*").OrderByDescending(VersionOf).ThenByDescending(r => r, StringComparer.Ordinal));
        foreach (string root in roots.Distinct(StringComparer.Ordinal))
        {
            yield return Path.Combine(root, "lib64");
            yield return Path.Combine(root, "targets", "x86_64-linux", "lib");
        }
    }

    private IEnumerable<string> WheelFolders()
    {
        var sitePackages = new List<string>();
        void AddPython(string prefix)
        {
            foreach (string lib in new[] { Path.Combine(prefix, "lib"), Path.Combine(prefix, "lib64") })
                foreach (string py in _probe.Folders(lib, "python3*").OrderByDescending(VersionOf))
                {
                    sitePackages.Add(Path.Combine(py, "site-packages"));
                    sitePackages.Add(Path.Combine(py, "dist-packages"));
                }
        }
        foreach (string variable in new[] { "VIRTUAL_ENV", "CONDA_PREFIX" })
            if (_probe.Environment(variable) is { Length: > 0 } prefix) AddPython(prefix);
        if (_probe.Environment("PYTHONPATH") is { Length: > 0 } pythonPath)
            sitePackages.AddRange(pythonPath.Split(':', StringSplitOptions.RemoveEmptyEntries));
        if (_probe.Environment("HOME") is { Length: > 0 } home) AddPython(Path.Combine(home, ".local"));
        AddPython("/usr/local");
        AddPython("/usr");
        AddPython("/opt/conda");
        foreach (string site in sitePackages.Distinct(StringComparer.Ordinal))
            foreach (string package in _probe.Folders(Path.Combine(site, "nvidia"), "*"))
                yield return Path.Combine(package, "lib");
    }

    // "cuda-12.4" → 12.4, "python3.12" → 3.12; anything else sorts last.
    private static Version VersionOf(string folder)
    {
        string name = Path.GetFileName(folder);
        int start = name.IndexOfAny("0123456789".ToCharArray());
        return start >= 0 && Version.TryParse(name[start..], out Version? v) ? v : new Version(0, 0);
    }

    // .NET wraps dlerror's text in advice about strace and LD_DEBUG; the loader's own words are what helps.
    private static string OneLine(string text)
    {
        const string Marker = "environment variable:";
        int at = text.LastIndexOf(Marker, StringComparison.Ordinal);
        return (at >= 0 ? text[(at + Marker.Length)..] : text).ReplaceLineEndings(" ").Trim();
    }
}
