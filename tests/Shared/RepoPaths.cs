using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Knobs.Testing;

/// <summary>Paths inside the repository, found from the test assembly's KnobsRepoRoot metadata.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Real HPVM data copied into the repository (tests/data/hpvm).</summary>
    public static string HpvmData => Path.Combine(Root, "tests", "data", "hpvm");

    /// <summary>Reference data from SCALE-Sim and SMAUG copied into the repository (tests/data/anchors).</summary>
    public static string Anchors => Path.Combine(Root, "tests", "data", "anchors");

    public static string Combine(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());

    private static string FindRoot()
    {
        string? root = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "KnobsRepoRoot")?.Value;
        if (root is null || !File.Exists(Path.Combine(root, "Knobs.sln")))
        {
            throw new InvalidOperationException($"Cannot find the Knobs repository root (KnobsRepoRoot='{root}').");
        }
        return Path.GetFullPath(root);
    }
}
