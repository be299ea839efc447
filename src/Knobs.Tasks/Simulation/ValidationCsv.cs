using Knobs.Simulation;

namespace Knobs.Tasks.Simulation;

/// <summary>The predicted-against-measured CSV that Simulate writes with KnobsValidate=true (<see cref="ValidationReport.ToCsv"/>).</summary>
internal static class ValidationCsv
{
    public const string Header = ValidationReport.CsvHeader;

    public static string ToText(ValidationReport report) => report.ToCsv();
}
