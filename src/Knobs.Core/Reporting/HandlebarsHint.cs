using System;

namespace Knobs.Reporting;

/// <summary>
/// Report templates were Handlebars before they were Scriban. A template that fails and still reads like Handlebars gets
/// the common translations in its error.
/// </summary>
internal static class HandlebarsHint
{
    private static readonly string[] Markers = { "{{#each", "{{/each}}", "{{#if", "{{/if}}", "{{this", "{{{" };

    /// <summary>The hint appended to the error.</summary>
    public const string Text =
        "this looks like a Handlebars template, but report templates are Scriban now: "
        + "{{#each Items}}…{{/each}} becomes {{ for item in Items }}…{{ end }} (and {{this}} or {{Name}} inside it {{ item }} or {{ item.Name }}); "
        + "{{#if X}}…{{/if}} becomes {{ if X }}…{{ end }}; {{{HeatMapSvg}}} becomes {{ benchmark.HeatMapSvg }} (the SVG is never escaped); "
        + "start from the built-in report.html.sbn";

    /// <summary>True when the template text has typical Handlebars syntax.</summary>
    public static bool Applies(string text)
    {
        foreach (string marker in Markers)
        {
            if (text.IndexOf(marker, StringComparison.Ordinal) >= 0) return true;
        }
        return false;
    }
}
