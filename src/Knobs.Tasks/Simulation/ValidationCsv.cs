using System.Globalization;
using System.Text;
using Knobs.Simulation;

namespace Knobs.Tasks.Simulation;

/// <summary>The predicted-against-measured CSV that Simulate writes with KnobsValidate=true.</summary>
internal static class ValidationCsv
{
    public const string Header = "configuration,index,predicted_speedup,measured_speedup,error,predicted_ms,measured_ms,measured_ci_ms";

    public static string ToText(ValidationReport report)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (ValidationRow row in report.Rows)
        {
            text.Append(Csv(row.Name)).Append(',')
                .Append(row.Index.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(R(row.PredictedSpeedup)).Append(',').Append(R(row.MeasuredSpeedup)).Append(',')
                .Append(R(row.Error)).Append(',').Append(R(row.PredictedTime)).Append(',')
                .Append(R(row.MeasuredTime)).Append(',').Append(R(row.MeasuredCiHalfWidth)).Append('\n');
        }
        return text.ToString();
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Csv(string s) => s.IndexOfAny(new[] { ',', '"', '\n' }) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
