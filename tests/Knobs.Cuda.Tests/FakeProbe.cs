using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Cuda.Native;

namespace Knobs.Cuda.Tests;

/// <summary>A machine made of a few files, folders and environment variables; loads succeed for files listed as loadable.</summary>
internal sealed class FakeProbe : ILibraryProbe
{
    public Dictionary<string, string> Variables { get; } = [];
    public HashSet<string> Files { get; } = [];
    public HashSet<string> Loadable { get; } = [];
    public HashSet<string> LoaderNames { get; } = [];
    public List<string> Tried { get; } = [];

    public string? Environment(string name) => Variables.TryGetValue(name, out string? v) ? v : null;

    public bool FileExists(string path) => Files.Contains(path);

    public IEnumerable<string> Folders(string folder, string pattern)
    {
        string prefix = folder.TrimEnd('/') + "/";
        string head = pattern.TrimEnd('*');
        return Files.Concat(Loadable)
            .Where(f => f.StartsWith(prefix, StringComparison.Ordinal))
            .Select(f => prefix + f[prefix.Length..].Split('/')[0])
            .Where(d => Path.GetFileName(d).StartsWith(head, StringComparison.Ordinal) && Files.Any(f => f.StartsWith(d + "/", StringComparison.Ordinal)))
            .Distinct()
            .OrderBy(d => d, StringComparer.Ordinal);
    }

    public bool TryLoad(string nameOrPath, out IntPtr handle, out string? error)
    {
        Tried.Add(nameOrPath);
        bool ok = nameOrPath.Contains('/') ? Loadable.Contains(nameOrPath) : LoaderNames.Contains(nameOrPath);
        handle = ok ? new IntPtr(42) : IntPtr.Zero;
        error = ok ? null : nameOrPath.Contains('/') ? "wrong ELF class: ELFCLASS32" : $"{nameOrPath}: cannot open shared object file: No such file or directory";
        return ok;
    }

    /// <summary>A file that exists and loads.</summary>
    public FakeProbe With(string path)
    {
        Files.Add(path);
        Loadable.Add(path);
        return this;
    }
}
