using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.KnobTables;
using Knobs.Profiles;
using Knobs.Tensors;

namespace Knobs.Runtime.Qos;

/// <summary>The fp32 reference variant's output on its input: what every variant of the benchmark is compared with.</summary>
internal sealed class ReferenceOutput
{
    private ReferenceOutput(string variant, Tensor input, float[] values, int[] shape, bool classifier,
        LabelledAccuracy? labelled = null, double? baselineAccuracy = null, LabelledOutputs? baselineScores = null)
    {
        BaselineScores = baselineScores;
        Variant = variant;
        Input = input;
        Values = values;
        Shape = shape;
        Classifier = classifier;
        Labelled = labelled;
        BaselineAccuracy = baselineAccuracy;
    }

    /// <summary>The reference variant's name (<c>fp32_11</c>).</summary>
    public string Variant { get; }

    /// <summary>The input all comparisons use.</summary>
    public Tensor Input { get; }

    public float[] Values { get; }

    public int[] Shape { get; }

    public bool Classifier { get; }

    /// <summary>The benchmark's labelled inputs; null when it has none (accuracy is then not measured).</summary>
    public LabelledAccuracy? Labelled { get; }

    /// <summary>The reference variant's accuracy on <see cref="Labelled"/> (percent).</summary>
    public double? BaselineAccuracy { get; }

    /// <summary>
    /// The reference variant's class scores on the labelled inputs and their labels; null without labelled inputs or
    /// when they exceed <see cref="LabelledOutputs.MaxValues"/>.
    /// </summary>
    public LabelledOutputs? BaselineScores { get; }

    /// <summary>Runs <paramref name="reference"/> on the labelled inputs: this reference, with them, its accuracy and its scores.</summary>
    public ReferenceOutput WithAccuracy(LabelledAccuracy labelled, BenchmarkVariant reference)
    {
        (double accuracy, int classes, float[] scores) = labelled.Run(reference);
        LabelledOutputs? kept = scores.Length <= LabelledOutputs.MaxValues ? new LabelledOutputs(classes, labelled.Labels, scores) : null;
        return new(Variant, Input, Values, Shape, Classifier, labelled, accuracy, kept);
    }

    /// <summary>Runs <paramref name="reference"/> once, unprofiled, on its own <c>Input(batch)</c>.</summary>
    public static ReferenceOutput Compute(BenchmarkVariant reference, int batch, bool classifier)
    {
        Tensor input = reference.Input(batch);
        (float[] values, int[] shape) = RunUnprofiled(reference, input);
        return new ReferenceOutput(reference.Name, input, values, shape, classifier);
    }

    /// <summary>
    /// Runs <paramref name="variant"/> on the reference input and compares the outputs; with labelled inputs, also
    /// measures its accuracy on them. An accuracy that cannot be measured leaves it out of the record and says why in
    /// <paramref name="accuracyNote"/>; outputs that cannot be compared throw <see cref="ArgumentException"/>. When
    /// <paramref name="variant"/> is a knob variant of <paramref name="perNode"/> and its accuracy was measured, the record
    /// also holds the knob's accuracy per node (<see cref="NodeAccuracies"/>); a configuration has no knob, so none.
    /// </summary>
    public QosRecord Compare(BenchmarkVariant variant, out string? accuracyNote, BenchmarkDescriptor? perNode = null)
    {
        (float[] values, int[] shape) = RunUnprofiled(variant, Input);
        QosMetrics m = QosMetrics.Compare(values, Values, shape, Shape, Classifier);
        accuracyNote = null;
        double? accuracy = null, loss = null;
        if (Labelled is not null && BaselineAccuracy is double baseline)
        {
            try
            {
                accuracy = Labelled.Measure(variant);
                loss = baseline - accuracy;
            }
            catch (ArgumentException e)
            {
                accuracyNote = e.Message;
            }
        }
        return new QosRecord(Variant, m.RelL2, m.MaxAbs, m.Psnr, m.Top1, accuracy, loss)
        {
            Nodes = accuracy is not null && perNode is not null && variant.Knob is { } knob ? NodeAccuracies(perNode, knob) : null,
            // The reference's own record carries its scores: what the simulator's output model starts from.
            Labelled = accuracy is not null && variant.Name == Variant ? BaselineScores : null,
        };
    }

    /// <summary>
    /// With labelled inputs, the accuracy of <paramref name="knob"/> applied to one node at a time (every other node fp32),
    /// for each node whose calls the knob changes, and the class scores it gave (where the reference's are kept): what
    /// the simulator's output and additive models predict a configuration's accuracy loss from. Null without labelled inputs.
    /// </summary>
    public IReadOnlyList<NodeAccuracy>? NodeAccuracies(BenchmarkDescriptor benchmark, KnobInfo knob)
    {
        if (Labelled is null || BaselineAccuracy is not double baseline) return null;
        int count = benchmark.Nodes.Count;
        NodeKnob[] fp32 = Enumerable.Repeat(new NodeKnob(KnobIdentity.Fp32Word, KnobIdentity.Fp32Id), count).ToArray();
        BenchmarkVariant exact = benchmark.CreateConfiguration(Variant, fp32);
        var nodes = new List<NodeAccuracy>();
        for (int node = 1; node <= count; node++)
        {
            var knobs = (NodeKnob[])fp32.Clone();
            knobs[node - 1] = new NodeKnob(knob.ApproxType, knob.Id);
            BenchmarkVariant one = benchmark.CreateConfiguration(FormattableString.Invariant($"{knob.Name} on node {node}"), knobs);
            bool changed = false;
            for (int op = 0; op < one.Ops.Count; op++) changed |= one.Ops[op].NodeId == node && one.Ops[op].OpName != exact.Ops[op].OpName;
            if (!changed) continue;
            (double accuracy, _, float[] scores) = Labelled.Run(one);
            // The scores only where the reference's are kept: the output model needs both, and the same size.
            nodes.Add(new NodeAccuracy(node, accuracy, baseline - accuracy, BaselineScores is not null && scores.Length == BaselineScores.Scores.Count ? scores : null));
        }
        return nodes;
    }

    /// <summary>One run of <paramref name="variant"/> on <paramref name="input"/> outside the profiling session: its output's values and shape.</summary>
    internal static (float[] Values, int[] Shape) RunUnprofiled(BenchmarkVariant variant, Tensor input)
    {
        using (TensorContext.Enter(TensorContext.Current.WithSession(null)))
        using (new TensorScope())
        {
            Tensor output = variant.Run(input) ?? throw new InvalidOperationException($"{variant.Name}.Run returned null");
            return (output.ToArray(), output.Shape);
        }
    }
}
