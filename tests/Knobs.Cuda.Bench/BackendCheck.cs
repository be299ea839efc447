using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Tensors;
using Knobs.Tensors.Backends;
using Knobs.Tensors.Backends.Reference;

namespace Knobs.Cuda.Bench;

/// <summary>
/// Every op through <c>Ops</c> on the Cuda backend against the Reference backend on the host, fp32 and half: the error is
/// max |gpu − reference| / scale with scale = max |reference| (at least 1e-2). fp32 passes at 1e-5; half, compared with
/// the Reference backend's half semantics (operands and result rounded to half), at 2^-8 (16 half ulps at the scale).
/// </summary>
internal static class BackendCheck
{
    public const double Fp32Tolerance = 1e-5;
    public const double HalfTolerance = 1.0 / 256;

    public sealed record Row(string Op, bool Half, double Error, string? Failure)
    {
        public bool Pass => Failure is null && Error <= (Half ? HalfTolerance : Fp32Tolerance);
    }

    public static IReadOnlyList<Row> Run(CudaBackend gpu)
    {
        var rows = new List<Row>();
        var reference = new ReferenceBackend();
        Tensor x = Tensor.Random([16, 16, 32, 32], 1), w = Tensor.Random([16, 16, 3, 3], 2), bias = Tensor.Random([16], 3);
        Tensor dw = Tensor.Random([16, 1, 3, 3], 4), fcIn = Tensor.Random([16, 512, 1, 1], 5), fc = Tensor.Random([512, 10], 6);
        Tensor other = Tensor.Random([16, 16, 32, 32], 7), logits = Tensor.Random([16, 10, 1, 1], 8);
        Tensor gamma = Tensor.Random([16], 9), beta = Tensor.Random([16], 10), mean = Tensor.Random([16], 11), variance = Tensor.Random([16], 12);
        Span<float> v = variance.AsFloatSpan();
        for (int i = 0; i < v.Length; i++) v[i] = Math.Abs(v[i]) + 0.1f;
        var cases = new List<(string Name, Func<bool, Tensor> Op)>
        {
            ("conv exact 16x32x32->16 3x3", h => h ? Ops.HalfConvolution(x, w, 1, 1, 1, 1) : Ops.Convolution(x, w, 1, 1, 1, 1)),
            ("conv row perforation 2/1", h => Approx(h, x, w, 2, 1, 1, 1)),
            ("conv column perforation 3/0", h => Approx(h, x, w, 1, 3, 1, 0)),
            ("conv filter sampling 2/1", h => Approx(h, x, w, 1, 1, 2, 1)),
            ("conv filter sampling 4/3", h => Approx(h, x, w, 1, 1, 4, 3)),
            ("conv stride 2", h => h ? Ops.HalfConvolution(x, w, 1, 1, 2, 2) : Ops.Convolution(x, w, 1, 1, 2, 2)),
            ("depthwise conv", h => h ? Ops.HalfGroupConvolution(x, dw, 1, 1, 1, 1, 16) : Ops.GroupConvolution(x, dw, 1, 1, 1, 1, 16)),
            ("gemm 16x512 -> 10", h => h ? Ops.HalfGemm(fcIn, fc) : Ops.Gemm(fcIn, fc)),
            ("add", h => h ? Ops.HalfAdd(x, other) : Ops.Add(x, other)),
            ("add bias", h => h ? Ops.HalfAdd(x, bias) : Ops.Add(x, bias)),
            ("relu", h => h ? Ops.HalfRelu(x) : Ops.Relu(x)),
            ("clipped relu 0.5", h => h ? Ops.HalfClippedRelu(x, 0.5f) : Ops.ClippedRelu(x, 0.5f)),
            ("tanh", h => h ? Ops.HalfTanh(x) : Ops.Tanh(x)),
            ("max pool 3x3 pad 1 stride 2", h => Pool(h, x, PoolKind.Max)),
            ("mean pool 3x3 pad 1 stride 2", h => Pool(h, x, PoolKind.Mean)),
            ("min pool 3x3 pad 1 stride 2", h => Pool(h, x, PoolKind.Min)),
            ("batch norm", h => h ? Ops.HalfBatchNorm(x, gamma, beta, mean, variance, 1e-3) : Ops.BatchNorm(x, gamma, beta, mean, variance, 1e-3)),
            ("softmax (fp32; half: of a half input)", h => Ops.Softmax(h ? Ops.ToHalf(logits) : logits)),
            ("flatten", h => Ops.Flatten(h ? Ops.ToHalf(x) : x)),
            ("conversion round trip", h => h ? Ops.ToFloat(Ops.ToHalf(x)) : Ops.ToHalf(x)),
        };
        foreach (var (name, op) in cases)
        {
            foreach (bool half in new[] { false, true })
            {
                try
                {
                    float[] expected = On(reference, () => op(half).ToArray());
                    float[] actual = On(gpu, () =>
                    {
                        Tensor result = op(half);
                        if (!result.IsOnDeviceOnly) throw new InvalidOperationException("the result is not in GPU memory");
                        return result.ToArray();
                    });
                    rows.Add(new Row(name, half, Error(expected, actual), null));
                }
                catch (Exception e)
                {
                    rows.Add(new Row(name, half, double.NaN, $"{e.GetType().Name}: {e.Message.Split('\n')[0]}"));
                }
            }
        }
        return rows;
    }

    private static Tensor Approx(bool half, Tensor x, Tensor w, int row, int col, int skip, int offset) =>
        half ? Ops.ConvApproxHalf(x, w, 1, 1, 1, 1, row, col, skip, offset) : Ops.ConvApprox(x, w, 1, 1, 1, 1, row, col, skip, offset);

    private static Tensor Pool(bool half, Tensor x, PoolKind kind) =>
        half ? Ops.HalfPooling(x, kind, 3, 3, 1, 1, 2, 2) : Ops.Pooling(x, kind, 3, 3, 1, 1, 2, 2);

    private static T On<T>(IBackend backend, Func<T> body)
    {
        using (Knobs.Tensors.Backends.Backend.OnThisThread(backend)) return body();
    }

    private static double Error(float[] expected, float[] actual)
    {
        if (expected.Length != actual.Length) return double.PositiveInfinity;
        double scale = Math.Max(expected.Max(v => Math.Abs((double)v)), 1e-2), worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs((double)actual[i] - expected[i]);
            if (double.IsNaN(d)) return double.PositiveInfinity;
            worst = Math.Max(worst, d);
        }
        return worst / scale;
    }
}
