using Knobs.Tensors.Backends;
using static Knobs.Tensors.Check;

namespace Knobs.Tensors;

/// <summary>The checks a convolution's shapes and knob parameters must pass before a backend sees them.</summary>
internal static class ConvValidation
{
    public static ConvShape Shape(string op, Tensor x, Tensor w, int padH, int padW, int strideH, int strideW, int groups)
    {
        Rank4(op, x, "input");
        Rank4(op, w, "filter");
        Window(op, "filter", w.Dim(2), w.Dim(3), padH, padW, strideH, strideW);
        int c = x.Dim(1), k = w.Dim(0);
        if (groups < 1) throw new TensorOpException(op, $"groups must be at least 1; got {I(groups)}.");
        if (c % groups != 0 || k % groups != 0)
            throw new TensorOpException(op,
                $"groups={I(groups)} must divide the input channels ({I(c)}) and the filter count ({I(k)}); input {x.Describe()}, filter {w.Describe()}.");
        if (w.Dim(1) * groups != c)
            throw new TensorOpException(op, groups == 1
                ? $"the input has {I(c)} channels but the filter expects {I(w.Dim(1))} (input {x.Describe()}, filter {w.Describe()})."
                : $"the input has {I(c)} channels but the filter expects {I(w.Dim(1))} per group × {I(groups)} groups = {I(w.Dim(1) * groups)} (input {x.Describe()}, filter {w.Describe()}).");
        Fits(op, "filter", x, w.Dim(2), w.Dim(3), padH, padW);
        return new ConvShape(x.Dim(0), c, x.Dim(2), x.Dim(3), k, w.Dim(2), w.Dim(3), padH, padW, strideH, strideW, groups);
    }

    public static void Approximation(string op, in ConvShape s, in ConvApproxParams a)
    {
        if (a.Row < 1 || a.Col < 1 || a.SkipEvery < 1)
            throw new TensorOpException(op,
                $"row, col and skipEvery must be at least 1 (1 = off); got row={I(a.Row)}, col={I(a.Col)}, skipEvery={I(a.SkipEvery)}.");
        if (a.Offset < 0) throw new TensorOpException(op, $"offset must be non-negative; got {I(a.Offset)}.");
        switch (a.Mode)
        {
            case ConvApproxMode.RowPerforation:
            case ConvApproxMode.ColumnPerforation:
                bool rows = a.Mode == ConvApproxMode.RowPerforation;
                int lines = rows ? s.OutH : s.OutW;
                if (Perforation.ComputedCount(lines, a.PerforationRate, a.Offset) == 0)
                    throw new TensorOpException(op,
                        $"{(rows ? "row" : "column")} perforation with rate {I(a.PerforationRate)} and offset {I(a.Offset)} computes no " +
                        $"{(rows ? "row" : "column")} of an output with {I(lines)} {(rows ? "rows" : "columns")}; use offset ≥ 1 or no perforation.");
                break;
            case ConvApproxMode.FilterSampling:
                if (FilterSampling.KeptIndices(s.CPerGroup, s.KH * s.KW, a.SkipEvery, a.Offset).Length == 0)
                    throw new TensorOpException(op,
                        $"filter sampling with skipEvery {I(a.SkipEvery)} and offset {I(a.Offset)} drops every weight of a {I(s.CPerGroup)}×{I(s.KH)}×{I(s.KW)} filter.");
                break;
        }
        if (a.Mode != ConvApproxMode.Exact && s.Groups != 1)
            throw new TensorOpException(op, $"approximations apply to ungrouped convolutions only; got groups={I(s.Groups)}.");
    }
}
