using System;
using System.IO;

namespace Knobs.Benchmarks;

/// <summary>What several suites read the same way: an option's value, and the repository they run in.</summary>
internal static class SuiteArguments
{
    /// <summary>The value after <paramref name="name"/> in <paramref name="args"/>, or <paramref name="fallback"/>.</summary>
    public static string Option(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>The repository root: the first folder holding Knobs.sln above the working directory or the program.</summary>
    public static string RepoRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Knobs.sln"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException("run from inside the Knobs repository (Knobs.sln not found above the current directory)");
    }
}
