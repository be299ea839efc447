namespace Knobs.Tasks.Logging;

/// <summary>
/// Text from data files (names, paths, readers' messages) made safe for one log line, so a crafted name can neither
/// forge log lines nor hide in them. The rule is <see cref="KnobTables.SafeText"/>'s, shared by every part of Knobs.
/// </summary>
internal static class LogText
{
    /// <summary><paramref name="text"/> with control characters, separators, bidi overrides and lone surrogates escaped.</summary>
    public static string Escape(string? text) => KnobTables.SafeText.Escape(text);
}
