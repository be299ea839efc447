using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace Knobs.Testing;

/// <summary>
/// Snapshot assertions against checked-in <c>*.verified.*</c> files next to the test source. On a mismatch the
/// actual text is written to <c>*.received.*</c> and the test fails; set KNOBS_ACCEPT_SNAPSHOTS=1 to accept.
/// </summary>
internal static class Snapshot
{
    public static void Match(string actual, string name, string extension = "txt", [CallerFilePath] string callerFile = "")
    {
        string dir = Path.Combine(Path.GetDirectoryName(SourcePath(callerFile))!, "Snapshots");
        string verified = Path.Combine(dir, $"{name}.verified.{extension}");
        string received = Path.Combine(dir, $"{name}.received.{extension}");
        actual = actual.Replace("\r\n", "\n");
        bool accept = Environment.GetEnvironmentVariable("KNOBS_ACCEPT_SNAPSHOTS") == "1";
        if (File.Exists(verified) && File.ReadAllText(verified).Replace("\r\n", "\n") == actual)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        Directory.CreateDirectory(dir);
        if (accept)
        {
            File.WriteAllText(verified, actual);
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        throw new Xunit.Sdk.XunitException(File.Exists(verified)
            ? $"Snapshot '{name}' differs: compare {received} with {verified} (KNOBS_ACCEPT_SNAPSHOTS=1 accepts)."
            : $"Snapshot '{name}' has no verified file: review {received} (KNOBS_ACCEPT_SNAPSHOTS=1 accepts).");
    }

    /// <summary>
    /// The caller's source path on this machine. A ContinuousIntegrationBuild (CI=true) maps source paths to
    /// "/_/…" through PathMap, so a mapped path is resolved against the repository root instead.
    /// </summary>
    internal static string SourcePath(string callerFile)
    {
        string normalized = callerFile.Replace('\\', '/');
        if (!File.Exists(callerFile) && normalized.StartsWith("/_/", StringComparison.Ordinal))
        {
            return Path.Combine(RepoPaths.Root, normalized.Substring(3));
        }
        return callerFile;
    }
}
