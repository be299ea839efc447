using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Knobs.Tensors.Backends;

namespace Knobs.Cuda.Convolution;

/// <summary>
/// Row or column perforation. Each progression of computed lines (see <see cref="PerforationLayout"/>) is one cuDNN
/// convolution with the perforated stride multiplied by the progression's step, over a zero-padded crop of the input that
/// holds exactly the input lines it reads (so descriptors stay packed and padding needs no asymmetric support); the
/// results land in one "reduced" buffer, and <c>assemble_perforated</c> writes the full output, interpolating skipped lines.
/// Work done is the computed lines' share of the exact convolution's multiply-adds.
/// </summary>
internal sealed class PerforatedPlan : IConvPlan
{
    private readonly CudaDevice _device;
    private readonly ConvShape _s;
    private readonly bool _half, _rows;
    private readonly int _rate, _offset;
    private readonly List<Step> _steps = [];
    private readonly DeviceBuffer _crop, _reduced;

    public PerforatedPlan(CudaDevice device, in ConvShape s, in ConvApproxParams knob, bool half, DeviceBuffer w)
    {
        _device = device;
        _s = s;
        _half = half;
        _rows = knob.Mode == ConvApproxMode.RowPerforation;
        _rate = knob.PerforationRate;
        _offset = knob.Offset;
        int element = half ? 2 : 4;
        int lines = _rows ? s.OutH : s.OutW, across = _rows ? s.OutW : s.OutH;
        IReadOnlyList<PerforationLayout.Progression> progressions = PerforationLayout.Of(lines, _rate, _offset);
        long maxCrop = 0;
        foreach (PerforationLayout.Progression p in progressions)
        {
            // The crop: input rows (or columns) first·stride − pad onwards, as many as the progression's last window reaches.
            int hc = _rows ? (p.Count - 1) * p.Step * s.StrideH + s.KH : s.H + 2 * s.PadH;
            int wc = _rows ? s.W + 2 * s.PadW : (p.Count - 1) * p.Step * s.StrideW + s.KW;
            int dy = _rows ? p.First * s.StrideH - s.PadH : -s.PadH;
            int dx = _rows ? -s.PadW : p.First * s.StrideW - s.PadW;
            var conv = new CudnnConvolution(device, half, s.N, s.C, hc, wc, s.K, s.C, s.KH, s.KW, 0, 0,
                _rows ? p.Step * s.StrideH : s.StrideH, _rows ? s.StrideW : p.Step * s.StrideW, 1);
            (int on, int ok, int oh, int ow) = conv.OutputShape;
            if (on != s.N || ok != s.K || (_rows ? oh != p.Count || ow != s.OutW : oh != s.OutH || ow != p.Count))
                throw new InvalidOperationException($"cuDNN plans output {on}x{ok}x{oh}x{ow} for progression {p} of {s}; expected {p.Count} lines.");
            long offsetElements = (long)p.Before * s.N * s.K * across;
            _steps.Add(new Step(conv, hc, wc, dy, dx, offsetElements * element));
            maxCrop = Math.Max(maxCrop, (long)s.N * s.C * hc * wc);
        }
        _crop = device.Allocate(maxCrop * element);
        _reduced = device.Allocate((long)PerforationLayout.Computed(progressions) * s.N * s.K * across * element);
        _crop.Clear();
        foreach (Step step in _steps) step.Conv.Choose(_crop.Pointer, w.Pointer, _reduced.Pointer + (ulong)step.OutputByteOffset);
    }

    public long WorkspaceBytes => _steps.Max(st => st.Conv.WorkspaceBytes);

    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"{(_rows ? "rows" : "cols")} r{_rate} o{_offset}: {_steps.Count} strided cuDNN conv(s) [{string.Join(", ", _steps.Select(st => st.Conv.Algorithm))}] + crop + assemble");

    public void Run(DeviceBuffer x, DeviceBuffer w, DeviceBuffer y, DeviceBuffer? workspace)
    {
        foreach (Step step in _steps)
        {
            HpvmKernels.CropPad(_device, _half, x.Pointer, _crop.Pointer, _s.N * _s.C, _s.H, _s.W, step.CropH, step.CropW, step.Dy, step.Dx);
            step.Conv.Run(_crop.Pointer, w.Pointer, _reduced.Pointer + (ulong)step.OutputByteOffset, workspace);
        }
        HpvmKernels.AssemblePerforated(_device, _half, _reduced.Pointer, y.Pointer, _s.N * _s.K, _s.OutH, _s.OutW, _rows, _rate, _offset);
    }

    public void Dispose()
    {
        foreach (Step step in _steps) step.Conv.Dispose();
        _crop.Dispose();
        _reduced.Dispose();
    }

    private sealed record Step(CudnnConvolution Conv, int CropH, int CropW, int Dy, int Dx, long OutputByteOffset);
}
