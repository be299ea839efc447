using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Knobs.Profiles;
using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;

namespace Knobs.Reporting;

/// <summary>
/// Renders <c>report.html</c> with Scriban: the built-in template (a copy of templates/report/report.html.sbn,
/// embedded) or a user's template file. The page is self-contained: inline CSS and SVG, no scripts, no network.
/// The template sees only the <see cref="ReportView"/> (as plain script objects) and every value it writes is
/// HTML-escaped, except the pre-rendered SVG (see <see cref="ReportTemplateContext"/>).
/// </summary>
public static class ReportRenderer
{
    /// <summary>The manifest name of the embedded default template.</summary>
    public const string DefaultTemplateResource = "Knobs.Reporting.report.html.sbn";

    /// <summary>The name the built-in template goes by in messages.</summary>
    public const string DefaultTemplateName = "(built-in report.html.sbn)";

    /// <summary>The default template's text.</summary>
    public static string DefaultTemplate()
    {
        using Stream stream = typeof(ReportRenderer).Assembly.GetManifestResourceStream(DefaultTemplateResource)
            ?? throw new InvalidOperationException("the default report template is missing from Knobs.Core (" + DefaultTemplateResource + ")");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Renders the report; <paramref name="templatePath"/> overrides the built-in template.</summary>
    /// <exception cref="ReportTemplateException">The template cannot be read or parsed, or fails to render.</exception>
    public static string Render(ReportInput input, string? templatePath = null)
    {
        string source;
        string name = templatePath ?? DefaultTemplateName;
        try
        {
            source = templatePath is null ? DefaultTemplate() : File.ReadAllText(templatePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportTemplateException(name, "cannot read the template: " + e.Message, inner: e);
        }
        return Render(ReportViewBuilder.Build(input), source, name);
    }

    /// <summary>Renders a view with template text.</summary>
    /// <exception cref="ReportTemplateException">The template cannot be parsed, or fails to render.</exception>
    public static string Render(ReportView view, string templateText, string templateName)
    {
        Template template = Template.Parse(templateText, templateName);
        if (template.HasErrors)
        {
            LogMessage[] errors = template.Messages.Where(m => m.Type == ParserMessageType.Error).ToArray();
            LogMessage first = errors[0];
            string problem = string.Join("; ", errors.Take(3).Select(m => At(m.Span) + m.Message))
                + (errors.Length > 3 ? $"; and {errors.Length - 3} more" : "");
            throw Failure(templateName, templateText, problem, first.Span, null);
        }
        var context = new ReportTemplateContext(ReportScriptModel.Build(view));
        try
        {
            return template.Render(context).Replace("\r\n", "\n");
        }
        catch (ScriptRuntimeException e)
        {
            throw Failure(templateName, templateText, At(e.Span) + e.OriginalMessage, e.Span, e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or InvalidCastException
                                      or OverflowException or NotSupportedException or RegexMatchTimeoutException)
        {
            throw Failure(templateName, templateText, e.Message, default, e);
        }
    }

    /// <summary>Renders and writes the report atomically.</summary>
    public static void Write(string path, ReportInput input, string? templatePath = null) =>
        AtomicFile.WriteAllText(path, Render(input, templatePath));

    private static ReportTemplateException Failure(string name, string text, string problem, SourceSpan span, Exception? inner)
    {
        if (HandlebarsHint.Applies(text)) problem += " — " + HandlebarsHint.Text;
        bool located = span.FileName is not null;
        return new ReportTemplateException(name, problem, located ? span.Start.Line + 1 : 0, located ? span.Start.Column + 1 : 0, inner);
    }

    private static string At(SourceSpan span) =>
        span.FileName is null ? "" : FormattableString.Invariant($"({span.Start.Line + 1},{span.Start.Column + 1}): ");
}

/// <summary>A report template that cannot be used; the message names the template.</summary>
public sealed class ReportTemplateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReportTemplateException(string template, string problem, int line = 0, int column = 0, Exception? inner = null)
        : base(template + ": " + problem, inner)
    {
        Template = template;
        Problem = problem;
        Line = line;
        Column = column;
    }

    /// <summary>The template path (or the built-in template's name).</summary>
    public string Template { get; }

    /// <summary>What is wrong, without the template's name.</summary>
    public string Problem { get; }

    /// <summary>1-based line of the problem in the template; 0 when not known.</summary>
    public int Line { get; }

    /// <summary>1-based column of the problem in the template; 0 when not known.</summary>
    public int Column { get; }
}
