using System;
using Knobs.Cuda.Native;

namespace Knobs.Cuda.Tests;

/// <summary>A fact that needs an NVIDIA GPU and its libraries; skipped, with what is missing, on machines without (CI has none).</summary>
public sealed class GpuFactAttribute : FactAttribute
{
    public GpuFactAttribute()
    {
        if (Missing is { } reason) Skip = reason;
    }

    private static readonly Lazy<string?> Reason = new(Probe);

    public static string? Missing => Reason.Value;

    private static string? Probe()
    {
        foreach (CudaLibrarySpec spec in CudaLibrarySpec.All)
            if (!CudaNativeLibraries.IsAvailable(spec.Library))
                return $"No GPU here: {spec.FileNames[0]} ({spec.Library}) is not installed; GPU results are kept in docs/results (see docs/gpu.md).";
        try
        {
            using CudaDevice device = CudaDevice.Open();
            return null;
        }
        catch (Exception e) when (e is CudaException or ArgumentOutOfRangeException)
        {
            return "No usable CUDA device: " + e.Message;
        }
    }
}
