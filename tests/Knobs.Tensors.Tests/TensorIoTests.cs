using System;
using System.IO;

namespace Knobs.Tensors.Tests;

/// <summary>Load/Save use HPVM's raw little-endian float32 layout.</summary>
public sealed class TensorIoTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "knobs-tensors-io-" + Guid.NewGuid().ToString("N"));

    public TensorIoTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SaveThenLoadRoundTripsExactly()
    {
        string path = Path.Combine(_dir, "w.bin");
        using Tensor t = Tensor.Random([2, 3, 4, 5], seed: 9);
        t.Save(path);
        Assert.Equal(2 * 3 * 4 * 5 * 4, new FileInfo(path).Length);
        using Tensor back = Tensor.Load(path, 2, 3, 4, 5);
        Assert.Equal(t.ToArray(), back.ToArray());
        Assert.Equal([2, 3, 4, 5], back.Shape);
        Assert.Single(Directory.GetFiles(_dir)); // no temp file left behind
    }

    [Fact]
    public void SavedBytesAreLittleEndianFloat32()
    {
        string path = Path.Combine(_dir, "one.bin");
        using (Tensor t = Tensor.FromArray([1f, -2f], 2)) t.Save(path);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0 }, File.ReadAllBytes(path));
    }

    [Fact]
    public void HalfTensorIsSavedWidenedToFloat32()
    {
        string path = Path.Combine(_dir, "half.bin");
        using Tensor x = Tensor.FromArray([0.1f, 3f], 2);
        using Tensor h = Ops.ToHalf(x);
        h.Save(path);
        using Tensor back = Tensor.Load(path, 2);
        Assert.Equal(h.ToArray(), back.ToArray());
    }

    [Fact]
    public void MisSizedFileNamesFileAndExpectedAndActualBytes()
    {
        string path = Path.Combine(_dir, "short.bin");
        File.WriteAllBytes(path, new byte[10]);
        var e = Assert.Throws<InvalidDataException>(() => Tensor.Load(path, 1, 2, 3, 1));
        Assert.Contains(path, e.Message);
        Assert.Contains("10 bytes", e.Message);
        Assert.Contains("24 bytes", e.Message);
        Assert.Contains("[1,2,3,1]", e.Message);
    }

    [Fact]
    public void MissingFileIsAClearError()
    {
        string path = Path.Combine(_dir, "absent.bin");
        var e = Assert.Throws<FileNotFoundException>(() => Tensor.Load(path, 4));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void SaveReplacesAnExistingFile()
    {
        string path = Path.Combine(_dir, "w.bin");
        File.WriteAllBytes(path, new byte[100]);
        using (Tensor t = Tensor.FromArray([5f], 1)) t.Save(path);
        Assert.Equal(4, new FileInfo(path).Length);
    }
}
