using System;
using System.IO;
using HandlebarsDotNet;
using Knobs.Profiles;

namespace Knobs.Reporting;

/// <summary>
/// Renders <c>report.html</c> with Handlebars.Net: the built-in template (a copy of templates/report/report.html.hbs,
/// embedded) or a user's template file. The page is self-contained: inline CSS and SVG, no scripts, no network.
/// </summary>
public static class ReportRenderer
{
    /// <summary>The manifest name of the embedded default template.</summary>
    public const string DefaultTemplateResource = "Knobs.Reporting.report.html.hbs";

    /// <summary>The default template's text.</summary>
    public static string DefaultTemplate()
    {
        using Stream stream = typeof(ReportRenderer).Assembly.GetManifestResourceStream(DefaultTemplateResource)
            ?? throw new InvalidOperationException("the default report template is missing from Knobs.Core (" + DefaultTemplateResource + ")");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Renders the report; <paramref name="templatePath"/> overrides the built-in template.</summary>
    /// <exception cref="ReportTemplateException">The template cannot be read or compiled, or fails to render.</exception>
    public static string Render(ReportInput input, string? templatePath = null)
    {
        string source;
        string name = templatePath ?? "(built-in report.html.hbs)";
        try
        {
            source = templatePath is null ? DefaultTemplate() : File.ReadAllText(templatePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportTemplateException(name, "cannot read the template: " + e.Message, e);
        }
        return Render(ReportViewBuilder.Build(input), source, name);
    }

    /// <summary>Renders a view with template text.</summary>
    public static string Render(ReportView view, string templateText, string templateName)
    {
        try
        {
            IHandlebars handlebars = Handlebars.Create();
            HandlebarsTemplate<object, object> template = handlebars.Compile(templateText);
            return template(view).Replace("\r\n", "\n");
        }
        catch (HandlebarsException e)
        {
            throw new ReportTemplateException(templateName, e.Message, e);
        }
    }

    /// <summary>Renders and writes the report atomically.</summary>
    public static void Write(string path, ReportInput input, string? templatePath = null) =>
        AtomicFile.WriteAllText(path, Render(input, templatePath));
}

/// <summary>A report template that cannot be used; the message names the template.</summary>
public sealed class ReportTemplateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReportTemplateException(string template, string problem, Exception? inner = null)
        : base(template + ": " + problem, inner)
    {
        Template = template;
    }

    /// <summary>The template path (or the built-in template's name).</summary>
    public string Template { get; }
}
