using System;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.InteropServices;

namespace Knobs.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Reads a raw little-endian float32 file (HPVM's weight layout: no header, row-major) as a Float32 tensor of
    /// <paramref name="shape"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file's size is not 4 × the element count of <paramref name="shape"/>.</exception>
    public static Tensor Load(string path, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(shape);
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"Tensor.Load: weight file '{path}' does not exist.", path);
        long elements = 1;
        foreach (int d in shape) elements *= d;
        long expected = elements * sizeof(float);
        if (info.Length != expected)
        {
            throw new InvalidDataException(
                $"Tensor.Load: '{path}' has {info.Length} bytes but shape {FormatShape(shape)} needs {expected} bytes " +
                $"({elements} little-endian float32 values). Check the file or the shape.");
        }
        var t = Create(DType.Float32, (int[])shape.Clone());
        Span<float> data = t.AsFloatSpan();
        using (FileStream stream = File.OpenRead(path))
        {
            stream.ReadExactly(MemoryMarshal.AsBytes(data));
        }
        if (!BitConverter.IsLittleEndian) ReverseEndianness(data);
        return t;
    }

    /// <summary>
    /// Writes the elements as raw little-endian float32 (a Float16 tensor is widened), atomically: a temp file next
    /// to <paramref name="path"/> is renamed over it, so a crash never leaves a partial file.
    /// </summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        float[] values = ToArray();
        if (!BitConverter.IsLittleEndian) ReverseEndianness(values);
        string full = Path.GetFullPath(path);
        string temp = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static void ReverseEndianness(Span<float> data)
    {
        Span<int> bits = MemoryMarshal.Cast<float, int>(data);
        BinaryPrimitives.ReverseEndianness(bits, bits);
    }
}
