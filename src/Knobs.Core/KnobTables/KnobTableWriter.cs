using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Knobs.KnobTables;

/// <summary>
/// Writes knob tables as YAML (any table) or in HPVM's release format (tables HPVM can express). Reading what was written
/// gives an equal <see cref="KnobTable"/>. Output is deterministic, culture-invariant, <c>\n</c> line ends.
/// </summary>
public static class KnobTableWriter
{
    /// <summary>The table as a YAML knob table: user-defined types under <c>types:</c>, then every knob.</summary>
    public static string WriteYaml(KnobTable table)
    {
        if (table is null) throw new ArgumentNullException(nameof(table));
        var text = new StringBuilder();
        text.Append("# Knobs knob table (docs/knob-tables.md)\n");
        KnobType[] userTypes = table.UserTypes.ToArray();
        if (userTypes.Length > 0)
        {
            text.Append("types:\n");
            foreach (KnobType type in userTypes) WriteType(text, type);
        }
        text.Append("knobs:\n");
        foreach (Knob knob in table.Knobs) WriteKnob(text, knob);
        return text.ToString();
    }

    /// <summary>
    /// The table in HPVM's release format (TAB-separated, one knob per line). Throws <see cref="InvalidOperationException"/>
    /// when <see cref="CanWriteHpvm"/> is false; write YAML instead.
    /// </summary>
    public static string WriteHpvm(KnobTable table)
    {
        if (table is null) throw new ArgumentNullException(nameof(table));
        if (!CanWriteHpvm(table, out string? reason)) throw new InvalidOperationException("Cannot write this knob table in HPVM's format: " + reason + ". Write it as YAML instead.");
        var text = new StringBuilder();
        foreach (Knob knob in table.Knobs)
        {
            text.Append(knob.Type).Append(',').Append(Int(knob.Id)).Append('\t')
                .Append(knob.Parameters.IsEmpty ? "-1" : knob.Parameters.Join(",")).Append('\t')
                .Append(Number(knob.Speedup)).Append('\t')
                .Append(knob.FromOp).Append('\t').Append(knob.ToOp).Append('\t')
                .Append(knob.Device).Append('\t')
                .Append(knob.AppliesTo.Join(",")).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// Whether HPVM's release format can hold <paramref name="table"/>: it has no user-defined types, no literal
    /// (classic) arguments, every knob has from/to ops, a dev/install value and applies-to targets, and no field holds a TAB,
    /// space or newline.
    /// </summary>
    public static bool CanWriteHpvm(KnobTable table, out string? reason)
    {
        reason = null;
        if (table.UserTypes.Any()) reason = "it declares knob types (" + string.Join(", ", table.UserTypes.Select(t => t.Name)) + "), which only YAML can";
        foreach (Knob knob in table.Knobs)
        {
            if (reason is not null) break;
            if (knob.LiteralArguments) reason = "knob " + knob.Id + " has literal (classic-format) arguments";
            else if (knob.Device is null) reason = "knob " + knob.Id + " has no dev/install value";
            else if (knob.FromOp.Length == 0 || knob.ToOp.Length == 0) reason = "knob " + knob.Id + " has no from or to op";
            else if (knob.AppliesTo.IsEmpty) reason = "knob " + knob.Id + " has no applies-to target";
            else if (new[] { knob.FromOp, knob.ToOp, knob.Device }.Concat(knob.Parameters).Concat(knob.AppliesTo).Any(HasSeparator))
            {
                reason = "knob " + knob.Id + " has a field with a TAB, space or line break";
            }
        }
        return reason is null;
    }

    private static void WriteType(StringBuilder text, KnobType type)
    {
        text.Append("  - name: ").Append(Yaml.Scalar(type.Name)).Append('\n');
        text.Append("    from: ").Append(Yaml.Scalar(type.FromOp)).Append('\n');
        text.Append("    to: ").Append(Yaml.Scalar(type.ToOp)).Append('\n');
        text.Append("    parameters: ").Append(Yaml.List(type.ParameterNames)).Append('\n');
        text.Append("    arguments: ").Append(Yaml.Quoted(type.ArgumentTemplate)).Append('\n');
        text.Append("    precision: ").Append(type.Precision).Append('\n');
        text.Append("    applies_to: ").Append(Yaml.List(type.AppliesTo)).Append('\n');
        if (!type.Supported)
        {
            text.Append("    supported: false\n");
            text.Append("    reason: ").Append(Yaml.Quoted(type.UnsupportedReason ?? "")).Append('\n');
        }
    }

    private static void WriteKnob(StringBuilder text, Knob knob)
    {
        text.Append("  - type: ").Append(Yaml.Scalar(knob.Type)).Append('\n');
        text.Append("    id: ").Append(Int(knob.Id)).Append('\n');
        text.Append(knob.LiteralArguments ? "    arguments: " : "    parameters: ").Append(Yaml.List(knob.Parameters)).Append('\n');
        text.Append("    speedup: ").Append(Number(knob.Speedup)).Append('\n');
        if (knob.FromOp.Length > 0) text.Append("    from: ").Append(Yaml.Scalar(knob.FromOp)).Append('\n');
        if (knob.ToOp.Length > 0) text.Append("    to: ").Append(Yaml.Scalar(knob.ToOp)).Append('\n');
        if (knob.Device is not null) text.Append("    device: ").Append(Yaml.Scalar(knob.Device)).Append('\n');
        text.Append("    applies_to: ").Append(Yaml.List(knob.AppliesTo)).Append('\n');
    }

    private static bool HasSeparator(string field) => field.IndexOfAny(new[] { '\t', ' ', '\n', '\r' }) >= 0;

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
