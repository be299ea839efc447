using System.Globalization;

namespace Knobs.Tensors;

/// <summary>Argument checks shared by the ops; each failure is a <see cref="TensorOpException"/> naming op and values.</summary>
internal static class Check
{
    public static void NotNull(string op, Tensor? t, string name)
    {
        if (t is null) throw new TensorOpException(op, $"{name} is null.");
        if (t.IsDisposed) throw new TensorOpException(op, $"{name} {t.Describe()} was disposed (returned to the buffer pool).");
    }

    public static void Rank4(string op, Tensor t, string name)
    {
        NotNull(op, t, name);
        if (t.Rank != 4) throw new TensorOpException(op, $"{name} must be rank 4 (NCHW); got {t.Describe()}.");
    }

    public static void Window(string op, string what, int h, int w, int padH, int padW, int strideH, int strideW)
    {
        if (strideH < 1 || strideW < 1)
            throw new TensorOpException(op, $"stride must be at least 1; got strideH={I(strideH)}, strideW={I(strideW)}.");
        if (padH < 0 || padW < 0)
            throw new TensorOpException(op, $"padding must be non-negative; got padH={I(padH)}, padW={I(padW)}.");
        if (h < 1 || w < 1)
            throw new TensorOpException(op, $"the {what} must be at least 1×1; got {I(h)}×{I(w)}.");
    }

    public static void Fits(string op, string what, Tensor x, int h, int w, int padH, int padW)
    {
        int ih = x.Dim(2) + 2 * padH, iw = x.Dim(3) + 2 * padW;
        if (h > ih || w > iw)
            throw new TensorOpException(op,
                $"the {I(h)}×{I(w)} {what} does not fit the padded input {I(ih)}×{I(iw)} (input {x.Describe()}, padH={I(padH)}, padW={I(padW)}).");
    }

    public static void Channels(string op, Tensor p, string name, int channels)
    {
        NotNull(op, p, name);
        if (p.Length != channels)
            throw new TensorOpException(op, $"{name} must hold one value per channel ({I(channels)}); got {p.Describe()}.");
    }

    public static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    public static string F(float v) => v.ToString("R", CultureInfo.InvariantCulture);
}
