using System;
using System.Linq;
using Knobs.Cuda.Convolution;
using Knobs.Cuda.Nvml;
using Knobs.Tensors.Backends;

namespace Knobs.Cuda.Bench;

/// <summary>GPU time of one op from CUDA events around a loop on the stream (no device-wide synchronisation per op).</summary>
internal sealed record GpuTime(double MedianMs, double MinMs, int Iterations, int Repeats);

/// <summary>The measurement protocol, the same as the PyTorch peer's: warm up, size a loop to ~20 ms, median of 7 loops.</summary>
internal static class Timing
{
    public const int Repeats = 7;
    public const double LoopMs = 20;

    public static GpuTime Measure(CudaDevice device, Action op)
    {
        using CudaEvent start = device.CreateEvent(), end = device.CreateEvent();
        for (int i = 0; i < 10; i++) op();
        start.Record();
        for (int i = 0; i < 10; i++) op();
        end.Record();
        double estimate = end.MillisecondsSince(start) / 10;
        int iterations = (int)Math.Clamp(LoopMs / Math.Max(estimate, 1e-4), 5, 5000);
        var perOp = new double[Repeats];
        for (int r = 0; r < Repeats; r++)
        {
            start.Record();
            for (int i = 0; i < iterations; i++) op();
            end.Record();
            perOp[r] = end.MillisecondsSince(start) / iterations;
        }
        Array.Sort(perOp);
        return new GpuTime(perOp[Repeats / 2], perOp[0], iterations, Repeats);
    }
}

/// <summary>Device buffers of random data for one timed case.</summary>
internal sealed class TimedCase : IDisposable
{
    private readonly DeviceBuffer _x, _w, _y;

    public TimedCase(CudaDevice device, in ConvShape s, CudaPrecision precision, int seed)
    {
        int element = precision == CudaPrecision.Float16 ? 2 : 4;
        _x = device.Allocate(s.InputLength * element);
        _w = device.Allocate(s.FilterLength * element);
        _y = device.Allocate(s.OutputLength * element);
        Fill(device, _x, s.InputLength, precision, seed);
        Fill(device, _w, s.FilterLength, precision, seed + 1);
    }

    public void Run(CudaConvolution conv, in ConvShape s, in ConvApproxParams knob, CudaPrecision precision) => conv.Forward(s, knob, precision, _x, _w, _y);

    private static void Fill(CudaDevice device, DeviceBuffer buffer, long count, CudaPrecision precision, int seed)
    {
        var rng = new Random(seed);
        float[] values = new float[count];
        for (long i = 0; i < count; i++) values[i] = (float)(rng.NextDouble() * 2 - 1);
        if (precision == CudaPrecision.Float32) buffer.Upload<float>(values);
        else buffer.Upload<Half>(values.Select(v => (Half)v).ToArray());
    }

    public void Dispose()
    {
        _x.Dispose();
        _w.Dispose();
        _y.Dispose();
    }
}

/// <summary>Energy per op of a case: the op repeated in batches of events for at least ten NVML counter periods.</summary>
internal static class EnergyOf
{
    public static EnergyReading Measure(CudaDevice device, EnergyMeter meter, Action op, double opMs)
    {
        int perBatch = (int)Math.Clamp(50 / Math.Max(opMs, 1e-3), 1, 100000);
        return meter.Measure(() => { for (int i = 0; i < perBatch; i++) op(); }, device.Synchronize, perBatch);
    }
}
