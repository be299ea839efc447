namespace Knobs.Runtime;

/// <summary>
/// Makes text from input files and arguments safe to print: configuration names, op names and paths may hold line
/// breaks or escape sequences, which would split a one-line diagnostic or drive the terminal. The rule is
/// <see cref="Knobs.KnobTables.SafeText"/>'s, shared by every part of Knobs.
/// </summary>
internal static class ConsoleText
{
    /// <summary><paramref name="text"/> with control characters, separators, bidi overrides and lone surrogates escaped.</summary>
    public static string Escape(string? text) => Knobs.KnobTables.SafeText.Escape(text);
}
