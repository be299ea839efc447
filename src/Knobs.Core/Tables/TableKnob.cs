using Knobs.KnobTables;
using Knobs.Profiles;

namespace Knobs.Tables;

/// <summary>A column of the lookup table: one knob, with the QoS and whole-run time its variant measured.</summary>
public sealed class TableKnob
{
    /// <summary>Creates a knob column.</summary>
    /// <param name="approx">Approx name (<c>fp32</c>, <c>perf</c>, …).</param>
    /// <param name="id">Knob id.</param>
    /// <param name="qos">Output quality of the variant against fp32, or null when not recorded.</param>
    /// <param name="total">Statistics of one whole run of the variant (ms), or null when not recorded.</param>
    /// <param name="totalEnergy">Energy of one whole run (J), or null when not measured.</param>
    public TableKnob(string approx, int id, QosRecord? qos, ProfileStatistics? total, double? totalEnergy)
    {
        Approx = approx;
        Id = id;
        Qos = qos;
        Total = total;
        TotalEnergy = totalEnergy;
    }

    /// <summary>Approx name.</summary>
    public string Approx { get; }
    /// <summary>Knob id.</summary>
    public int Id { get; }
    /// <summary>QoS of the variant, or null.</summary>
    public QosRecord? Qos { get; }
    /// <summary>Whole-run time statistics (ms), or null.</summary>
    public ProfileStatistics? Total { get; }
    /// <summary>Whole-run energy (J), or null when not measured.</summary>
    public double? TotalEnergy { get; }

    /// <summary>
    /// The factor this column's times were multiplied by to put every column on one scale: the table's reference fp32 time
    /// over the fp32 time measured interleaved with this column's variant (its profile's paired baseline). Null when the
    /// column's times are as measured (profiles without a paired baseline).
    /// </summary>
    public double? Scale { get; init; }

    /// <summary>The machine (host or cluster node) that measured this column, when its profile recorded it.</summary>
    public string? Host { get; init; }

    /// <summary>Column key: <c>fp32</c>, <c>fp16</c> or <c>&lt;approx&gt;_&lt;id&gt;</c> (as in <c>perf_121</c>).</summary>
    public string Key => Identity.ColumnKey;

    /// <summary>True when the knob runs in half precision.</summary>
    public bool IsHalf => Identity.IsHalf;

    /// <summary>The knob's identity (approx kind and id).</summary>
    public KnobIdentity Identity => new(Approx, Id);
}
