using System;
using System.Collections.Generic;
using Knobs.Tensors.Backends;

namespace Knobs.Cuda.Convolution;

/// <summary>
/// HPVM's convolution on the GPU: exact through cuDNN, row/column perforation as strided cuDNN convolutions over the
/// computed lines followed by the interpolation kernel, filter sampling as an im2col of the kept taps times the reduced,
/// rescaled filter through cuBLAS (as HPVM's GPU runtime does). Semantics are docs/tensors.md's ("Approximate convolution"), i.e. the CPU Reference
/// backend's. All work is asynchronous on the device's stream; plans (descriptors, algorithms, scratch buffers) are made on
/// a shape's first call and reused.
/// </summary>
public sealed class CudaConvolution : IDisposable
{
    private readonly CudaDevice _device;
    private readonly Dictionary<PlanKey, IConvPlan> _plans = [];
    private DeviceBuffer? _workspace;

    /// <summary>A convolution engine on <paramref name="device"/>.</summary>
    public CudaConvolution(CudaDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
    }

    /// <summary>
    /// y [N, K, OutH, OutW] = the knob's convolution of x [N, C, H, W] with w [K, C/groups, KH, KW], all device buffers of
    /// <paramref name="precision"/>'s element type. Queued on the device's stream; returns before it runs.
    /// </summary>
    public void Forward(in ConvShape shape, in ConvApproxParams knob, CudaPrecision precision, DeviceBuffer x, DeviceBuffer w, DeviceBuffer y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(y);
        Validate(shape, knob);
        int element = precision == CudaPrecision.Float16 ? 2 : 4;
        Fits(nameof(x), x, shape.InputLength * element);
        Fits(nameof(w), w, shape.FilterLength * element);
        Fits(nameof(y), y, shape.OutputLength * element);
        _device.MakeCurrent();
        var key = new PlanKey(shape, knob, precision);
        if (!_plans.TryGetValue(key, out IConvPlan? plan))
        {
            plan = CreatePlan(key, x, w, y);
            _plans[key] = plan;
            PlanMade?.Invoke(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{shape} {knob} {precision}: {plan.Description}"));
        }
        plan.Run(x, w, y, Workspace(plan.WorkspaceBytes));
    }

    /// <summary>Called with one line each time a plan is made (shape, knob, precision and what it runs as), when set.</summary>
    public Action<string>? PlanMade { get; set; }

    /// <summary>Describes the algorithm a knob runs as (for reports): cuDNN algorithm numbers, GEMM shape.</summary>
    public string Describe(in ConvShape shape, in ConvApproxParams knob, CudaPrecision precision) =>
        _plans.TryGetValue(new PlanKey(shape, knob, precision), out IConvPlan? plan) ? plan.Description : "not planned";

    /// <summary>The argument checks of the CPU ops (docs/tensors.md), before any device work.</summary>
    public static void Validate(in ConvShape s, in ConvApproxParams a)
    {
        if (s.N < 1 || s.C < 1 || s.H < 1 || s.W < 1 || s.K < 1 || s.KH < 1 || s.KW < 1 || s.StrideH < 1 || s.StrideW < 1 || s.Groups < 1
            || s.PadH < 0 || s.PadW < 0)
            throw new ArgumentException($"Convolution shape {s} has a non-positive size, stride or group count, or a negative pad.", nameof(s));
        if (s.C % s.Groups != 0 || s.K % s.Groups != 0)
            throw new ArgumentException($"Channels C={s.C} and filters K={s.K} must both divide into {s.Groups} groups.", nameof(s));
        if (s.H - s.KH + 2 * s.PadH < 0 || s.W - s.KW + 2 * s.PadW < 0)
            throw new ArgumentException($"The {s.KH}x{s.KW} filter is larger than the padded {s.H}x{s.W} input.", nameof(s));
        if (a.Row < 1 || a.Col < 1 || a.SkipEvery < 1 || a.Offset < 0)
            throw new ArgumentException($"Knob parameters row={a.Row}, col={a.Col}, skip_every={a.SkipEvery} must be at least 1 and offset={a.Offset} at least 0.", nameof(a));
        ConvApproxMode mode = a.Mode;
        if (mode != ConvApproxMode.Exact && s.Groups != 1)
            throw new ArgumentException($"Approximation {mode} applies to ungrouped convolutions only (groups={s.Groups}).", nameof(a));
        if (mode is ConvApproxMode.RowPerforation or ConvApproxMode.ColumnPerforation)
        {
            int lines = mode == ConvApproxMode.RowPerforation ? s.OutH : s.OutW;
            if (Perforation.ComputedCount(lines, a.PerforationRate, a.Offset) == 0)
                throw new ArgumentException(
                    $"{mode} rate {a.PerforationRate} offset {a.Offset} would compute none of the {lines} output {(mode == ConvApproxMode.RowPerforation ? "rows" : "columns")}.", nameof(a));
        }
        if (mode == ConvApproxMode.FilterSampling && FilterSampling.KeptIndices(s.C, s.KH * s.KW, a.SkipEvery, a.Offset).Length == 0)
            throw new ArgumentException($"Filter sampling skip {a.SkipEvery} offset {a.Offset} keeps no weight of the {s.C}x{s.KH}x{s.KW} filter.", nameof(a));
    }

    private static void Fits(string name, DeviceBuffer buffer, long bytes)
    {
        if (buffer.Bytes < bytes) throw new ArgumentException($"Buffer {name} has {buffer.Bytes} bytes; the shape needs {bytes}.", name);
    }

    private IConvPlan CreatePlan(PlanKey key, DeviceBuffer x, DeviceBuffer w, DeviceBuffer y)
    {
        bool half = key.Precision == CudaPrecision.Float16;
        return key.Knob.Mode switch
        {
            ConvApproxMode.Exact => new ExactPlan(_device, key.Shape, half, x, w, y),
            ConvApproxMode.FilterSampling => new SampledPlan(_device, key.Shape, key.Knob, half),
            _ => new PerforatedPlan(_device, key.Shape, key.Knob, half, w),
        };
    }

    private DeviceBuffer? Workspace(long bytes)
    {
        if (bytes <= 0) return _workspace;
        if (_workspace is null || _workspace.Bytes < bytes)
        {
            _device.Synchronize();
            _workspace?.Dispose();
            _workspace = _device.Allocate(bytes);
        }
        return _workspace;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (IConvPlan plan in _plans.Values) plan.Dispose();
        _plans.Clear();
        _workspace?.Dispose();
        _workspace = null;
    }

    private readonly record struct PlanKey(ConvShape Shape, ConvApproxParams Knob, CudaPrecision Precision);
}

/// <summary>A prepared convolution of one shape, knob and precision.</summary>
internal interface IConvPlan : IDisposable
{
    long WorkspaceBytes { get; }

    string Description { get; }

    void Run(DeviceBuffer x, DeviceBuffer w, DeviceBuffer y, DeviceBuffer? workspace);
}
