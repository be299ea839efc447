using System;
using Knobs.Cuda.Native;
using Knobs.Cuda.Nvml;

namespace Knobs.Cuda.Tests;

public sealed class ErrorAndRecordTests
{
    [Fact]
    public void ACudaExceptionNamesTheCallAndTheLibrarysWords()
    {
        var e = new CudaException(CudaLibrary.Cudnn, "cudnnConvolutionForward", 9, "CUDNN_STATUS_NOT_SUPPORTED");
        Assert.Equal("cudnnConvolutionForward failed: CUDNN_STATUS_NOT_SUPPORTED (Cudnn status 9)", e.Message);
        Assert.Equal(CudaLibrary.Cudnn, e.Library);
    }

    [Theory]
    [InlineData("CuDriver.cuMemAlloc(out _pointer, (nuint)bytes)", "cuMemAlloc")]
    [InlineData("Native.Cudnn.cudnnCreate(out nint h)", "cudnnCreate")]
    [InlineData("cuLaunchKernel crop_pad_f32", "cuLaunchKernel crop_pad_f32")]
    public void CallNamesComeFromTheCallExpression(string expression, string name) => Assert.Equal(name, CuDriver.CallName(expression));

    [Fact]
    public void GpuInfoPrintsUnreportedReadingsAsNotAvailable()
    {
        var info = new GpuInfo("NVIDIA H100 80GB HBM3", "580.159.04", 1980, 1980, null, 2619, 700, null, 35, ThrottleReasons.None);
        string line = info.ToString();
        Assert.Contains("SM 1980/1980 MHz", line);
        Assert.Contains("memory n/a/2619 MHz", line);
        Assert.Contains("power limit 700 W", line);
        Assert.Contains("throttle reasons: None", line);
    }

    [Fact]
    public void AnEnergyReadingNotTakenSaysWhy()
    {
        var r = EnergyReading.NotMeasured(TimeSpan.FromMilliseconds(50), 10, "the energy counter did not advance");
        Assert.False(r.Measured);
        Assert.True(double.IsNaN(r.JoulesPerOp));
        Assert.Equal("the energy counter did not advance", r.Reason);
    }

    [Fact]
    public void TheEnergyWindowSpansTenCounterPeriods() =>
        Assert.Equal(TimeSpan.FromSeconds(1), EnergyMeter.CounterPeriod * EnergyMeter.MinimumPeriods);
}
