using System.IO;
using Knobs.Reporting;
using Knobs.Tasks.Logging;

namespace Knobs.Tasks.Tables;

/// <summary>Renders a report (the built-in template or <c>$(KnobsReportTemplate)</c>) and writes it if it changed.</summary>
internal static class ReportFile
{
    /// <summary>
    /// Writes <paramref name="input"/> rendered to <paramref name="path"/>; <paramref name="template"/> empty: the built-in
    /// template. False, with KNB0425 logged, when the template cannot be used; <paramref name="written"/>: the file changed.
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
            log.Error(KnobsTasksInfo.ReportTemplateInvalid, $"the report template cannot be used: {LogText.Escape(e.Message)}", templatePath is null ? null : LogText.Escape(templatePath));
            written = false;
            return false;
        }
    }
}
