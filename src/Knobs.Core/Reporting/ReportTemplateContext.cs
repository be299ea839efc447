using System.Text;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Knobs.Reporting;

/// <summary>
/// The Scriban context a report template runs in: no .NET member access, no includes, a name that does not exist is an
/// error, bounded loops, recursion and output, and every value written is HTML-escaped like Handlebars'
/// <c>{{x}}</c> (<c>&amp; &lt; &gt; " ' ` =</c>) — except the pre-rendered SVG.
/// </summary>
internal sealed class ReportTemplateContext : TemplateContext
{
    /// <summary>Iterations of all nested loops together (a report of thousands of configurations stays far below).</summary>
    public const int MaxLoopIterations = 1_000_000;

    /// <summary>Nested calls of template functions.</summary>
    public const int MaxRecursion = 64;

    /// <summary>Characters in the page, and in any one value.</summary>
    public const int MaxOutput = 64 * 1024 * 1024;

    public ReportTemplateContext(ScriptObject model)
    {
        MemberFilter = _ => false;
        TemplateLoader = null;
        StrictVariables = true;
        EnableRelaxedMemberAccess = false;
        EnableRelaxedTargetAccess = false;
        LoopLimit = MaxLoopIterations;
        LoopLimitQueryable = MaxLoopIterations;
        RecursiveLimit = MaxRecursion;
        LimitToString = MaxOutput;
        OutputLimit = MaxOutput;
        NewLine = "\n";
        PushGlobal(model);
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is RawHtml html) return Write(html.ToString());
        if (textAsObject is null) return this;
        return Write(Escape(ObjectToString(textAsObject) ?? ""));
    }

    /// <summary>Handlebars.Net's HTML escaping: <c>&amp; &lt; &gt; " ' ` =</c>; everything else as is.</summary>
    internal static string Escape(string text)
    {
        StringBuilder? escaped = null;
        for (int i = 0; i < text.Length; i++)
        {
            string? entity = text[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#x27;",
                '`' => "&#x60;",
                '=' => "&#x3D;",
                _ => null,
            };
            if (entity is null)
            {
                escaped?.Append(text[i]);
                continue;
            }
            escaped ??= new StringBuilder(text, 0, i, text.Length + 16);
            escaped.Append(entity);
        }
        return escaped?.ToString() ?? text;
    }
}
