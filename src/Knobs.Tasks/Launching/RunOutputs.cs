using System;
using System.IO;
using System.Linq;
using Knobs.Tasks.Files;

namespace Knobs.Tasks.Launching;

/// <summary>What a run left in its plan's output folder; every launcher reports it the same way.</summary>
internal static class RunOutputs
{
    /// <summary>
    /// The <see cref="RunPlan.ProfilePattern"/> files in <paramref name="folder"/> (also in subfolders), each checked to be
    /// inside it (a link out of the folder is not the run's profile), in ordinal order.
    /// </summary>
    public static string[] ProfilesIn(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, RunPlan.ProfilePattern, SearchOption.AllDirectories)
                .Where(f => SafeFileName.IsInside(folder, f)).OrderBy(f => f, StringComparer.Ordinal).ToArray()
            : Array.Empty<string>();
}
