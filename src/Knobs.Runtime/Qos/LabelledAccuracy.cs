using System;
using System.Collections.Generic;
using System.Globalization;
using Knobs.Tensors;

namespace Knobs.Runtime.Qos;

/// <summary>
/// A benchmark's labelled inputs, read once, and the top-1 accuracy of a variant on them: the images run through the
/// variant unprofiled in batches of the run's batch size (the last batch may be smaller), each output row's arg-max
/// compared with its label.
/// </summary>
internal sealed class LabelledAccuracy
{
    private readonly float[] _images;
    private readonly int[] _labels;
    private readonly int[] _imageShape;
    private readonly int _imageLength;
    private readonly int _batch;

    public LabelledAccuracy(LabelledSet set, int batch)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (batch <= 0) throw new ArgumentOutOfRangeException(nameof(batch), "the batch must be positive");
        int[] shape = set.Images.Shape;
        _images = set.Images.ToArray();
        _labels = set.Labels.ToArray();
        _imageShape = shape[1..];
        _imageLength = shape[1] * shape[2] * shape[3];
        _batch = batch;
    }

    /// <summary>The number of labelled images.</summary>
    public int Count => _labels.Length;

    /// <summary>
    /// Top-1 accuracy of <paramref name="variant"/> in percent. Throws <see cref="ArgumentException"/> with the reason
    /// when the outputs cannot be read as class scores for the batch (a row per image) or a label is beyond the classes.
    /// </summary>
    public double Measure(BenchmarkVariant variant) => Run(variant).Accuracy;

    /// <summary>The labels of the images, in order.</summary>
    public IReadOnlyList<int> Labels => _labels;

    /// <summary>
    /// Runs <paramref name="variant"/> on every labelled image: its top-1 accuracy in percent, the number of classes, and
    /// the class scores image by image. Throws <see cref="ArgumentException"/> as <see cref="Measure"/> does, also when
    /// two batches give a different number of classes.
    /// </summary>
    public (double Accuracy, int Classes, float[] Scores) Run(BenchmarkVariant variant)
    {
        int correct = 0, classes = 0;
        float[] all = Array.Empty<float>();
        for (int start = 0; start < _labels.Length; start += _batch)
        {
            int n = Math.Min(_batch, _labels.Length - start);
            (int right, float[] scores) = CorrectInBatch(variant, start, n);
            correct += right;
            int width = scores.Length / n;
            if (start == 0)
            {
                classes = width;
                all = new float[(long)_labels.Length * classes];
            }
            else if (width != classes)
            {
                throw new ArgumentException($"the batch of labelled images from {Int(start)} has {Int(width)} class scores per image, the first batch {Int(classes)}");
            }
            Array.Copy(scores, 0, all, (long)start * classes, scores.Length);
        }
        return (100.0 * correct / _labels.Length, classes, all);
    }

    private (int Correct, float[] Scores) CorrectInBatch(BenchmarkVariant variant, int start, int n)
    {
        var values = new float[n * _imageLength];
        Array.Copy(_images, (long)start * _imageLength, values, 0, values.Length);
        int[] shape = new int[4];
        shape[0] = n;
        _imageShape.CopyTo(shape, 1);
        using Tensor input = Tensor.FromArray(values, shape);
        (float[] scores, int[] outShape) = ReferenceOutput.RunUnprofiled(variant, input);
        if (outShape.Length < 2 || outShape[0] != n)
        {
            throw new ArgumentException(
                $"the output of a batch of {Int(n)} labelled images has shape [{string.Join(",", outShape)}]; accuracy needs one row of class scores per image");
        }
        int classes = scores.Length / n;
        int correct = 0;
        for (int row = 0; row < n; row++)
        {
            int label = _labels[start + row];
            if (label >= classes)
            {
                throw new ArgumentException($"label {Int(label)} of labelled image {Int(start + row)} is beyond the output's {Int(classes)} classes");
            }
            if (QosMetrics.ArgMax(scores.AsSpan(row * classes, classes)) == label) correct++;
        }
        return (correct, scores);
    }

    private static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);
}
