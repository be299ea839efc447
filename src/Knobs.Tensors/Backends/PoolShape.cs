namespace Knobs.Tensors.Backends;

/// <summary>
/// The geometry of a 2-D pooling, NCHW: input [N, C, H, W], output [N, C, OutH, OutW] with
/// <c>OutH = (H − WinH + 2·PadH)/StrideH + 1</c> (integer division, as HPVM).
/// </summary>
public readonly record struct PoolShape(int N, int C, int H, int W, int WinH, int WinW, int PadH, int PadW, int StrideH, int StrideW)
{
    /// <summary>Output height.</summary>
    public int OutH => (H - WinH + 2 * PadH) / StrideH + 1;

    /// <summary>Output width.</summary>
    public int OutW => (W - WinW + 2 * PadW) / StrideW + 1;
}
