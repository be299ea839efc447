using System;
using System.Linq;
using Knobs.Cuda.Convolution;
using Knobs.Cuda.Nvml;
using Knobs.Tensors.Backends;
using Knobs.Tensors.Backends.Reference;

namespace Knobs.Cuda.Tests;

/// <summary>On a GPU machine: the kernels against the CPU Reference backend. Skipped without a GPU (the harness's results are in docs/results).</summary>
public sealed class GpuTests
{
    private static readonly ConvShape Shape = new(2, 5, 9, 11, 4, 3, 3, 1, 1, 1, 1);

    [GpuFact]
    public void EveryKnobFamilyMatchesTheReferenceBackendInFp32()
    {
        using CudaDevice device = CudaDevice.Open();
        using var conv = new CudaConvolution(device);
        var rng = new Random(3);
        float[] x = Enumerable.Range(0, (int)Shape.InputLength).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        float[] w = Enumerable.Range(0, (int)Shape.FilterLength).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        foreach (var knob in new[] { ConvApproxParams.Exact, new(2, 1, 1, 1), new(1, 3, 1, 2), new(1, 1, 2, 0), new(1, 1, 3, 1) })
        {
            var expected = new float[Shape.OutputLength];
            new ReferenceBackend().Convolution(Shape, knob, x, w, expected);
            using DeviceBuffer dx = device.Allocate(x.Length * 4L), dw = device.Allocate(w.Length * 4L), dy = device.Allocate(expected.Length * 4L);
            dx.Upload<float>(x);
            dw.Upload<float>(w);
            conv.Forward(Shape, knob, CudaPrecision.Float32, dx, dw, dy);
            var actual = new float[expected.Length];
            dy.Download<float>(actual);
            for (int i = 0; i < actual.Length; i++) Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[i])), $"{knob} at {i}");
        }
    }

    [GpuFact]
    public void HalfConversionsRoundToNearestEven()
    {
        using CudaDevice device = CudaDevice.Open();
        float[] values = [0f, 1f, -2.5f, 1.0009766f, 65504f, 1e-8f, 3.1415927f];
        using DeviceBuffer f = device.Allocate(values.Length * 4L), h = device.Allocate(values.Length * 2L);
        f.Upload<float>(values);
        CudaConvert.FloatToHalf(device, f, h, values.Length);
        var halves = new Half[values.Length];
        h.Download<Half>(halves);
        Assert.Equal(values.Select(v => (Half)v).ToArray(), halves);
    }

    [GpuFact]
    public void NvmlReportsTheDeviceAndAnAdvancingEnergyCounter()
    {
        using CudaDevice device = CudaDevice.Open();
        using NvmlDevice nvml = NvmlDevice.Open(device.PciBusId);
        GpuInfo info = nvml.ReadInfo();
        Assert.False(string.IsNullOrEmpty(info.Name));
        Assert.False(string.IsNullOrEmpty(info.DriverVersion));
        ulong before = nvml.TotalEnergyMillijoules;
        System.Threading.Thread.Sleep(300);
        Assert.True(nvml.TotalEnergyMillijoules > before);
    }
}
