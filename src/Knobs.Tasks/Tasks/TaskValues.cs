using System.Globalization;

namespace Knobs.Tasks;

/// <summary>Task parameters arrive as text; the targets have already checked them (KNB040x), so parsing is invariant and strict.</summary>
internal static class TaskValues
{
    public static int? Int(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);

    public static double? Double(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
}
