namespace Knobs.Diagnostics;

/// <summary>
/// Help links of every diagnostic: <c>&lt;root&gt;/KNBxxxx.md</c>. The root is <see cref="DefaultRoot"/> unless the
/// <c>KnobsHelpLinkRoot</c> MSBuild property names another (a fork, a mirror, docs checked in next to the project).
/// </summary>
public static class DiagnosticHelpLinks
{
    /// <summary>The project's docs/diagnostics folder on GitHub.</summary>
    public const string DefaultRoot = "https://github.com/knobs-dotnet/knobs/blob/main/docs/diagnostics";

    /// <summary>The help page of <paramref name="id"/> under <paramref name="root"/>, or under <see cref="DefaultRoot"/> when it is null or blank.</summary>
    public static string For(string id, string? root = null)
    {
        string trimmed = root is null || root.Trim().Length == 0 ? DefaultRoot : root.Trim().TrimEnd('/', '\\');
        return trimmed + "/" + id + ".md";
    }
}
