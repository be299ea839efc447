using System.Collections.Generic;

namespace Knobs.Profiles;

/// <summary>One profile file: header, op records, optional QoS, summary (docs/formats.md).</summary>
public sealed class Profile
{
    /// <summary>Creates a profile.</summary>
    public Profile(ProfileHeader header, IReadOnlyList<OpRecord> ops, QosRecord? qos, SummaryRecord summary)
    {
        Header = header;
        Ops = ops;
        Qos = qos;
        Summary = summary;
    }

    /// <summary>The header line.</summary>
    public ProfileHeader Header { get; }
    /// <summary>One record per op call site, in file order.</summary>
    public IReadOnlyList<OpRecord> Ops { get; }
    /// <summary>Output quality, or null when not computed (e.g. the reference itself may omit it).</summary>
    public QosRecord? Qos { get; }
    /// <summary>The summary line.</summary>
    public SummaryRecord Summary { get; }
}
