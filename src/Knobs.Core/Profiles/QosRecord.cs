namespace Knobs.Profiles;

/// <summary>Output quality of a variant against the fp32 reference on the same input (the <c>qos</c> line).</summary>
public sealed class QosRecord
{
    /// <summary>Creates a QoS record.</summary>
    public QosRecord(string reference, double relL2, double maxAbs, double? psnr, double? top1)
    {
        Reference = reference;
        RelL2 = relL2;
        MaxAbs = maxAbs;
        Psnr = psnr;
        Top1 = top1;
    }

    /// <summary>The reference variant (<c>fp32_11</c>).</summary>
    public string Reference { get; }
    /// <summary>Relative L2 error ‖y − ref‖ / ‖ref‖.</summary>
    public double RelL2 { get; }
    /// <summary>Largest absolute element error.</summary>
    public double MaxAbs { get; }
    /// <summary>Peak signal-to-noise ratio in dB; null when undefined (identical outputs).</summary>
    public double? Psnr { get; }
    /// <summary>Fraction of inputs whose top-1 class agrees with the reference; null for non-classifiers.</summary>
    public double? Top1 { get; }
}
