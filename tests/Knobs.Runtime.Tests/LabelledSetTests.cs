using System;
using System.IO;
using System.Linq;
using Knobs.Tensors;

namespace Knobs.Runtime.Tests;

public class LabelledSetTests
{
    private static (string Images, string Labels) Write(TempDir dir, float[] images, int[] labels)
    {
        string i = dir.Combine("test_input.bin"), l = dir.Combine("test_labels.bin");
        File.WriteAllBytes(i, images.SelectMany(BitConverter.GetBytes).ToArray());
        File.WriteAllBytes(l, labels.SelectMany(BitConverter.GetBytes).ToArray());
        return (i, l);
    }

    [Fact]
    public void LoadHpvmReadsImagesBackToBackAndOneLabelPerImage()
    {
        using var dir = new TempDir();
        float[] values = Enumerable.Range(0, 3 * 2 * 2 * 3).Select(v => v * 0.5f).ToArray();
        var (images, labels) = Write(dir, values, new[] { 2, 0, 9 });
        LabelledSet set = LabelledSet.LoadHpvm(images, labels, channels: 2, height: 2, width: 3);
        Assert.Equal(3, set.Count);
        Assert.Equal(new[] { 3, 2, 2, 3 }, set.Images.Shape);
        Assert.Equal(values, set.Images.ToArray());
        Assert.Equal(new[] { 2, 0, 9 }, set.Labels.ToArray());
    }

    [Fact]
    public void ImagesFileOfTheWrongSizeNamesTheFileAndBothCounts()
    {
        using var dir = new TempDir();
        var (images, labels) = Write(dir, new float[2 * 4], new[] { 0, 1, 1 });
        var e = Assert.Throws<InvalidDataException>(() => LabelledSet.LoadHpvm(images, labels, 1, 2, 2));
        Assert.Contains($"images file '{images}' has 32 bytes (2 images of 1x2x2 float32)", e.Message);
        Assert.Contains($"labels file '{labels}' has 3 labels, so 48 bytes were expected", e.Message);
    }

    [Fact]
    public void ImagesFileThatIsNotWholeImagesSaysSo()
    {
        using var dir = new TempDir();
        var (images, labels) = Write(dir, new float[5], new[] { 0 });
        var e = Assert.Throws<InvalidDataException>(() => LabelledSet.LoadHpvm(images, labels, 1, 2, 2));
        Assert.Contains("20 bytes (not a whole number of images", e.Message);
    }

    [Fact]
    public void LabelsFileNotAMultipleOfFourBytesIsRejected()
    {
        using var dir = new TempDir();
        var (images, labels) = Write(dir, new float[4], new[] { 0 });
        File.WriteAllBytes(labels, new byte[] { 1, 0, 0, 0, 0, 0 });
        var e = Assert.Throws<InvalidDataException>(() => LabelledSet.LoadHpvm(images, labels, 1, 2, 2));
        Assert.Contains($"labels file '{labels}' has 6 bytes", e.Message);
        Assert.Contains("one int32 (4 bytes) per image", e.Message);
    }

    [Fact]
    public void EmptyLabelsFileIsRejected()
    {
        using var dir = new TempDir();
        var (images, labels) = Write(dir, Array.Empty<float>(), Array.Empty<int>());
        var e = Assert.Throws<InvalidDataException>(() => LabelledSet.LoadHpvm(images, labels, 1, 2, 2));
        Assert.Contains("has 0 bytes", e.Message);
    }

    [Fact]
    public void NegativeLabelIsOutOfRange()
    {
        using var dir = new TempDir();
        var (images, labels) = Write(dir, new float[8], new[] { 0, -3 });
        var e = Assert.Throws<InvalidDataException>(() => LabelledSet.LoadHpvm(images, labels, 1, 2, 2));
        Assert.Equal($"labels file '{labels}': label 1 (byte 4) is -3, but a label must be 0 or more", e.Message);
    }

    [Fact]
    public void LabelAtOrAboveTheClassCountIsOutOfRange()
    {
        using var dir = new TempDir();
        var (images, labels) = Write(dir, new float[8], new[] { 9, 10 });
        var e = Assert.Throws<InvalidDataException>(() => LabelledSet.LoadHpvm(images, labels, 1, 2, 2, classes: 10));
        Assert.Equal($"labels file '{labels}': label 1 (byte 4) is 10, but a label must be from 0 to 9", e.Message);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        using var dir = new TempDir();
        var (images, _) = Write(dir, new float[4], new[] { 0 });
        string missing = dir.Combine("nope.bin");
        var e = Assert.Throws<FileNotFoundException>(() => LabelledSet.LoadHpvm(images, missing, 1, 2, 2));
        Assert.Contains($"labels file '{missing}' does not exist", e.Message);
    }

    [Fact]
    public void ConstructorChecksOneLabelPerImage()
    {
        var e = Assert.Throws<ArgumentException>(() => new LabelledSet(Tensor.Zeros(2, 1, 2, 2), new[] { 0 }));
        Assert.StartsWith("the labelled set has 2 images but 1 label", e.Message);
        Assert.Throws<ArgumentException>(() => new LabelledSet(Tensor.Zeros(2, 4), new[] { 0, 1 }));
    }
}
