namespace Knobs.Profiles;

/// <summary>The measurements of one op call site of a variant (an <c>op</c> line of a profile).</summary>
public sealed class OpRecord
{
    /// <summary>Creates an op record.</summary>
    public OpRecord(int node, string nodeName, int index, string kind, string op, string approx, int knobId,
        ProfileStatistics time, double? energy, ConversionCost f2h, ConversionCost h2f, OpFeatureRecord? features = null,
        string provenance = Knobs.Profiles.Provenance.Measured, ConversionCost? h2d = null, ConversionCost? d2h = null,
        ModelledDetail? modelled = null)
    {
        Modelled = modelled;
        H2d = h2d ?? ConversionCost.None;
        D2h = d2h ?? ConversionCost.None;
        Features = features;
        Provenance = provenance;
        Node = node;
        NodeName = nodeName;
        Index = index;
        Kind = kind;
        Op = op;
        Approx = approx;
        KnobId = knobId;
        Time = time;
        Energy = energy;
        F2h = f2h;
        H2f = h2f;
    }

    /// <summary>Node id (1-based, HPVM grouping).</summary>
    public int Node { get; }
    /// <summary>Node name.</summary>
    public string NodeName { get; }
    /// <summary>Op index in the template (0-based, program order).</summary>
    public int Index { get; }
    /// <summary>HPVM op kind (<c>conv</c>, <c>add</c>, <c>tanh</c>, <c>pool_max</c>, <c>mul</c>, <c>softmax</c>, …).</summary>
    public string Kind { get; }
    /// <summary>The Knobs op method that ran (<c>Convolution</c>, <c>ConvApprox</c>, <c>HalfAdd</c>, …).</summary>
    public string Op { get; }
    /// <summary>The approx name applied to this op (<c>fp32</c>, <c>fp16</c>, <c>perf</c>, …).</summary>
    public string Approx { get; }
    /// <summary>The knob id applied to this op.</summary>
    public int KnobId { get; }
    /// <summary>Time per call, milliseconds.</summary>
    public ProfileStatistics Time { get; }
    /// <summary>Energy per call in joules, or null when not measured.</summary>
    public double? Energy { get; }
    /// <summary>fp32 → fp16 conversion cost attributed to this op, per call.</summary>
    public ConversionCost F2h { get; }
    /// <summary>fp16 → fp32 conversion cost attributed to this op, per call.</summary>
    public ConversionCost H2f { get; }
    /// <summary>
    /// Copying this op's input from the host to this profile's device, per call (<c>h2d</c>; an accelerator's DMA in);
    /// nothing on the CPU.
    /// </summary>
    public ConversionCost H2d { get; }
    /// <summary>Copying this op's input from this profile's device back to the host, per call (<c>d2h</c>; DMA out).</summary>
    public ConversionCost D2h { get; }
    /// <summary>What the op computes (shapes, FLOPs, bytes); null in version-1 profiles.</summary>
    public OpFeatureRecord? Features { get; }
    /// <summary>How the time and energy were obtained (<see cref="Knobs.Profiles.Provenance"/>).</summary>
    public string Provenance { get; }

    /// <summary>A modelled accelerator's cycles, utilisation and traffic for this op; null for measured ops.</summary>
    public ModelledDetail? Modelled { get; }
}

/// <summary>A precision conversion cost: time in milliseconds, energy in joules or null when not measured.</summary>
public sealed class ConversionCost
{
    /// <summary>No conversion happened (time 0, energy not measured).</summary>
    public static ConversionCost None { get; } = new ConversionCost(0, null);

    /// <summary>Creates a conversion cost.</summary>
    public ConversionCost(double time, double? energy)
    {
        Time = time;
        Energy = energy;
    }

    /// <summary>Milliseconds per call.</summary>
    public double Time { get; }
    /// <summary>Joules per call, or null when not measured.</summary>
    public double? Energy { get; }
}
