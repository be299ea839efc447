namespace Knobs.Tensors.Backends;

/// <summary>
/// The geometry of one (group) convolution, NCHW: input [N, C, H, W], filter [K, C/Groups, KH, KW],
/// output [N, K, OutH, OutW] with <c>OutH = (H − KH + 2·PadH)/StrideH + 1</c> (integer division, as HPVM).
/// Ops validate a shape before a backend sees it: every field positive (pads ≥ 0), C and K divisible by Groups,
/// and OutH, OutW ≥ 1.
/// </summary>
public readonly record struct ConvShape(
    int N, int C, int H, int W, int K, int KH, int KW, int PadH, int PadW, int StrideH, int StrideW, int Groups = 1)
{
    /// <summary>Output height.</summary>
    public int OutH => (H - KH + 2 * PadH) / StrideH + 1;

    /// <summary>Output width.</summary>
    public int OutW => (W - KW + 2 * PadW) / StrideW + 1;

    /// <summary>Input channels seen by one filter (C / Groups).</summary>
    public int CPerGroup => C / Groups;

    /// <summary>Output channels produced by one group (K / Groups).</summary>
    public int KPerGroup => K / Groups;

    /// <summary>Elements of the input tensor.</summary>
    public long InputLength => (long)N * C * H * W;

    /// <summary>Elements of the filter tensor.</summary>
    public long FilterLength => (long)K * CPerGroup * KH * KW;

    /// <summary>Elements of the output tensor.</summary>
    public long OutputLength => (long)N * K * OutH * OutW;
}
