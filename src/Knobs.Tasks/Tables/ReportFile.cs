using System.IO;
using Knobs.Reporting;
using Knobs.Tasks.Logging;

namespace Knobs.Tasks.Tables;

/// <summary>Renders a report (the built-in template or <c>$(KnobsReportTemplate)</c>) and writes it if it changed.</summary>
internal static class ReportFile
{
    /// <summary>
    /// Writes <paramref name="input"/> rendered to <paramref name="path"/>; <paramref name="template"/> empty: the built-in
    /// template. False, with KNB0425 logged (at the template's line and column when known), when the template cannot be
    /// used; <paramref name="written"/>: the file changed.
    /// </summary>
    public static bool Write(ITaskLog log, string path, ReportInput input, string? template, out bool written)
    {
        string? templatePath = string.IsNullOrWhiteSpace(template) ? null : Path.GetFullPath(template);
        try
        {
            written = FileWriter.WriteIfChanged(path, ReportRenderer.Render(input, templatePath));
            return true;
        }
        catch (ReportTemplateException e)
        {
            // A user's template is the diagnostic's file (with Scriban's line and column); the built-in one is named in the text.
            string problem = templatePath is null ? e.Message : e.Problem;
            log.Error(KnobsTasksInfo.ReportTemplateInvalid, $"the report template cannot be used: {LogText.Escape(problem)}",
                templatePath is null ? null : LogText.Escape(templatePath), e.Line, e.Column);
            written = false;
            return false;
        }
    }
}
