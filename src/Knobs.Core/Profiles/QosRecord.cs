using System;
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

    /// <summary>
    /// In the reference variant's record only: its class scores on the labelled inputs and their labels, which the
    /// simulator's output model adds the per-node changes of <see cref="NodeAccuracy.Scores"/> to. Null otherwise, and
    /// when the scores would exceed <see cref="LabelledOutputs.MaxValues"/>.
    /// </summary>
    public LabelledOutputs? Labelled { get; init; }
}

/// <summary>Class scores on a benchmark's labelled inputs (one row of <see cref="Classes"/> per image) and the images' labels.</summary>
public sealed class LabelledOutputs
{
    /// <summary>Most scores (images × classes) a profile records; beyond it only the accuracies are kept.</summary>
    public const int MaxValues = 1 << 20;

    /// <summary>Creates the record; <paramref name="scores"/> holds <paramref name="labels"/>.Count × <paramref name="classes"/> values, row by row.</summary>
    public LabelledOutputs(int classes, IReadOnlyList<int> labels, IReadOnlyList<float> scores)
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "there must be at least one class");
        if (labels is null) throw new ArgumentNullException(nameof(labels));
        if (scores is null) throw new ArgumentNullException(nameof(scores));
        if (labels.Count == 0 || (long)labels.Count * classes != scores.Count)
        {
            throw new ArgumentException($"{scores.Count} scores are not {labels.Count} images × {classes} classes", nameof(scores));
        }
        Classes = classes;
        Labels = labels;
        Scores = scores;
    }

    /// <summary>Classes per image (the width of a row of scores).</summary>
    public int Classes { get; }

    /// <summary>Each image's label, 0 ≤ label &lt; <see cref="Classes"/>.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>The scores, image by image.</summary>
    public IReadOnlyList<float> Scores { get; }
}

/// <summary>The accuracy of a variant's knob applied to one node only (every other node fp32).</summary>
public sealed class NodeAccuracy
{
    /// <summary>Creates a node's accuracy record.</summary>
    public NodeAccuracy(int node, double accuracy, double accuracyLoss, IReadOnlyList<float>? scores = null)
    {
        Node = node;
        Accuracy = accuracy;
        AccuracyLoss = accuracyLoss;
        Scores = scores;
    }

    /// <summary>The node id (1-based).</summary>
    public int Node { get; }
    /// <summary>Top-1 accuracy (percent) on the labelled inputs with only this node approximated.</summary>
    public double Accuracy { get; }
    /// <summary>The reference's accuracy minus <see cref="Accuracy"/> (percentage points).</summary>
    public double AccuracyLoss { get; }
    /// <summary>
    /// The network's class scores on the labelled inputs with only this node approximated, image by image (as
    /// <see cref="LabelledOutputs.Scores"/>); null when not recorded.
    /// </summary>
    public IReadOnlyList<float>? Scores { get; }
}
