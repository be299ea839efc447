using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using Knobs.Tensors;

namespace Knobs.Runtime;

/// <summary>
/// Labelled test inputs of a benchmark: images <c>[N, C, H, W]</c> and one class label per image. A template provides
/// them with a method <c>public LabelledSet Labelled()</c>; the runner then records each variant's top-1 accuracy on
/// them, and its loss against the fp32 variant's, in the profile's QoS.
/// </summary>
public sealed class LabelledSet
{
    private readonly int[] _labels;

    /// <summary>Creates a set from <paramref name="images"/> (rank 4, Float32) and one label (≥ 0) per image.</summary>
    /// <exception cref="ArgumentException">The shapes disagree, the set is empty, or a label is negative.</exception>
    public LabelledSet(Tensor images, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        int[] shape = images.Shape;
        if (shape.Length != 4) throw new ArgumentException($"labelled images must be [N,C,H,W]; found shape [{string.Join(",", shape)}]", nameof(images));
        if (images.DType != DType.Float32) throw new ArgumentException($"labelled images must be Float32; found {images.DType}", nameof(images));
        if (shape[0] == 0) throw new ArgumentException("the labelled set has no images", nameof(images));
        if (labels.Length != shape[0])
        {
            throw new ArgumentException($"the labelled set has {Plural(shape[0], "image")} but {Plural(labels.Length, "label")}", nameof(labels));
        }
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0) throw new ArgumentException($"label {Int(i)} is {Int(labels[i])}; a class label must be 0 or more", nameof(labels));
        }
        Images = images;
        _labels = (int[])labels.Clone();
    }

    /// <summary>The images, <c>[N, C, H, W]</c>.</summary>
    public Tensor Images { get; }

    /// <summary>The class label of each image.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>The number of images.</summary>
    public int Count => _labels.Length;

    /// <summary>
    /// Reads HPVM's labelled test data: <paramref name="inputBin"/> (<c>test_input.bin</c>: little-endian float32 NCHW
    /// images back to back, no header) and <paramref name="labelsBin"/> (<c>test_labels.bin</c>: one little-endian int32
    /// label per image). The image count comes from the labels file; the sizes must agree exactly.
    /// </summary>
    /// <param name="inputBin">The images file.</param>
    /// <param name="labelsBin">The labels file.</param>
    /// <param name="channels">C of each image.</param>
    /// <param name="height">H of each image.</param>
    /// <param name="width">W of each image.</param>
    /// <param name="classes">The number of classes, when known: every label must then be below it.</param>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidDataException">A file's size does not fit, or a label is out of range; the message names the file.</exception>
    public static LabelledSet LoadHpvm(string inputBin, string labelsBin, int channels, int height, int width, int? classes = null)
    {
        ArgumentNullException.ThrowIfNull(inputBin);
        ArgumentNullException.ThrowIfNull(labelsBin);
        if (channels <= 0 || height <= 0 || width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), $"image dimensions must be positive; found C={Int(channels)}, H={Int(height)}, W={Int(width)}");
        }
        if (classes is <= 0) throw new ArgumentOutOfRangeException(nameof(classes), $"classes must be positive; found {Int(classes.Value)}");
        long labelBytes = Size(labelsBin, "labels");
        if (labelBytes == 0 || labelBytes % sizeof(int) != 0)
        {
            throw new InvalidDataException($"labels file '{labelsBin}' has {Long(labelBytes)} bytes; it must hold one int32 (4 bytes) per image, so a non-zero multiple of 4");
        }
        long count = labelBytes / sizeof(int);
        long perImage = (long)channels * height * width;
        long imageBytes = Size(inputBin, "images");
        if (imageBytes != count * perImage * sizeof(float))
        {
            string fits = imageBytes % (perImage * sizeof(float)) == 0
                ? $"{Long(imageBytes / (perImage * sizeof(float)))} images"
                : "not a whole number of images";
            throw new InvalidDataException(
                $"images file '{inputBin}' has {Long(imageBytes)} bytes ({fits} of {Int(channels)}x{Int(height)}x{Int(width)} float32), but labels file " +
                $"'{labelsBin}' has {Long(count)} labels, so {Long(count * perImage * sizeof(float))} bytes were expected. Check C, H, W and that the two files belong together");
        }
        if (count * perImage > int.MaxValue)
        {
            throw new InvalidDataException($"images file '{inputBin}' holds {Long(count * perImage)} values, more than one tensor can hold ({Int(int.MaxValue)})");
        }
        int[] labels = ReadLabels(labelsBin, (int)count);
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0 || labels[i] >= classes)
            {
                string range = classes is int c ? $"from 0 to {Int(c - 1)}" : "0 or more";
                throw new InvalidDataException($"labels file '{labelsBin}': label {Int(i)} (byte {Long(i * 4L)}) is {Int(labels[i])}, but a label must be {range}");
            }
        }
        Tensor images = Tensor.Load(inputBin, (int)count, channels, height, width);
        return new LabelledSet(images, labels);
    }

    private static int[] ReadLabels(string path, int count)
    {
        var bytes = File.ReadAllBytes(path);
        var labels = new int[count];
        for (int i = 0; i < count; i++) labels[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * 4, 4));
        return labels;
    }

    private static long Size(string path, string what)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"LabelledSet.LoadHpvm: {what} file '{path}' does not exist", path);
        return info.Length;
    }

    private static string Plural(int n, string what) => Int(n) + " " + what + (n == 1 ? "" : "s");

    private static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Long(long n) => n.ToString(CultureInfo.InvariantCulture);
}
