using System;
using Knobs.Tensors;

namespace Knobs.Samples;

/// <summary>
/// Deterministic stand-ins for dataset images, shaped like the dataset (N, C, H, W): a coarse 4×4 random
/// pattern per image and channel, bilinearly upsampled, plus fine noise. Unlike white noise, such images keep
/// their differences through pooling, so a seeded network ranks classes differently per image and top-1
/// agreement in QoS means something. Image <c>i</c> is the same whatever the batch size.
/// </summary>
public static class SyntheticImages
{
    private const int Grid = 4;
    private const float NoiseScale = 0.25f;

    /// <summary>A Float32 tensor [batch, channels, height, width] with values of roughly unit scale.</summary>
    public static Tensor Create(int batch, int channels, int height, int width, int seed)
    {
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), batch, "The batch size must be at least 1.");
        int planes = batch * channels;
        float[] coarse, noise;
        using (Tensor c = Tensor.Random([planes, Grid, Grid], seed)) coarse = c.ToArray();
        using (Tensor n = Tensor.Random([planes, height, width], unchecked(seed * 31 + 17))) noise = n.ToArray();
        var data = new float[planes * height * width];
        for (int p = 0; p < planes; p++)
        {
            int g = p * Grid * Grid, o = p * height * width;
            for (int y = 0; y < height; y++)
            {
                Interpolate(y, height, out int y0, out int y1, out float fy);
                for (int x = 0; x < width; x++)
                {
                    Interpolate(x, width, out int x0, out int x1, out float fx);
                    float top = coarse[g + y0 * Grid + x0] * (1 - fx) + coarse[g + y0 * Grid + x1] * fx;
                    float bottom = coarse[g + y1 * Grid + x0] * (1 - fx) + coarse[g + y1 * Grid + x1] * fx;
                    // Uniform [-1, 1) has std 1/√3: scale the pattern to about unit std, like normalised images.
                    data[o + y * width + x] = 1.7f * (top * (1 - fy) + bottom * fy) + NoiseScale * noise[o + y * width + x];
                }
            }
        }
        return Tensor.FromArray(data, batch, channels, height, width);
    }

    private static void Interpolate(int i, int size, out int lo, out int hi, out float frac)
    {
        float pos = size == 1 ? 0 : (float)i * (Grid - 1) / (size - 1);
        lo = Math.Min((int)pos, Grid - 1);
        hi = Math.Min(lo + 1, Grid - 1);
        frac = pos - lo;
    }
}
