using System.Collections.Generic;

namespace Knobs.Profiles;

/// <summary>Output quality of a variant against the fp32 reference on the same input (the <c>qos</c> line).</summary>
public sealed class QosRecord
{
    /// <summary>Creates a QoS record.</summary>
    /// <param name="reference">The reference variant (<c>fp32_11</c>).</param>
    /// <param name="relL2">Relative L2 error against the reference's output.</param>
    /// <param name="maxAbs">Largest absolute element error.</param>
    /// <param name="psnr">PSNR in dB; null when the outputs are identical.</param>
    /// <param name="top1">Fraction of inputs whose top-1 class agrees with the reference; null for non-classifiers.</param>
    /// <param name="accuracy">Top-1 accuracy on the benchmark's labelled set (percent); null when not measured.</param>
    /// <param name="accuracyLoss">The reference's accuracy minus this one (percentage points); null when not measured.</param>
    public QosRecord(string reference, double relL2, double maxAbs, double? psnr, double? top1, double? accuracy = null, double? accuracyLoss = null)
    {
        Reference = reference;
        RelL2 = relL2;
        MaxAbs = maxAbs;
        Psnr = psnr;
        Top1 = top1;
        Accuracy = accuracy;
        AccuracyLoss = accuracyLoss;
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
    /// <summary>
    /// Top-1 accuracy (percent, 0–100) on the benchmark's labelled inputs, as HPVM's configuration headers give it; null
    /// when the benchmark has no labelled data (not measured).
    /// </summary>
    public double? Accuracy { get; }
    /// <summary>
    /// The reference variant's accuracy minus <see cref="Accuracy"/>, in percentage points (negative when the variant did
    /// better); null when not measured.
    /// </summary>
    public double? AccuracyLoss { get; }

    /// <summary>
    /// Per node whose ops this variant's knob changes, the accuracy with only that node approximated (every other node
    /// fp32): what the simulator adds up to predict a configuration's accuracy loss. Null when not measured (no labelled
    /// data, or a configuration's profile); a node the knob does not change is left out (its loss is 0 by construction).
    /// </summary>
    public IReadOnlyList<NodeAccuracy>? Nodes { get; init; }
}

/// <summary>The accuracy of a variant's knob applied to one node only (every other node fp32).</summary>
public sealed class NodeAccuracy
{
    /// <summary>Creates a node's accuracy record.</summary>
    public NodeAccuracy(int node, double accuracy, double accuracyLoss)
    {
        Node = node;
        Accuracy = accuracy;
        AccuracyLoss = accuracyLoss;
    }

    /// <summary>The node id (1-based).</summary>
    public int Node { get; }
    /// <summary>Top-1 accuracy (percent) on the labelled inputs with only this node approximated.</summary>
    public double Accuracy { get; }
    /// <summary>The reference's accuracy minus <see cref="Accuracy"/> (percentage points).</summary>
    public double AccuracyLoss { get; }
}
