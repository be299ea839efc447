using System;
using Knobs.Cuda.Native;

namespace Knobs.Cuda;

/// <summary>A CUDA, NVRTC, cuBLAS, cuDNN or NVML call failed: the library, the call, its status code and the library's own words.</summary>
public sealed class CudaException : Exception
{
    /// <summary>Creates the exception; <paramref name="detail"/> is extra context such as a compile log.</summary>
    public CudaException(CudaLibrary library, string call, int status, string statusText, string? detail = null)
        : base($"{call} failed: {statusText} ({library} status {status}){(detail is null ? "" : Environment.NewLine + detail)}")
    {
        Library = library;
        Call = call;
        Status = status;
        StatusText = statusText;
    }

    /// <summary>The library whose call failed.</summary>
    public CudaLibrary Library { get; }

    /// <summary>The native function that failed.</summary>
    public string Call { get; }

    /// <summary>Its status code.</summary>
    public int Status { get; }

    /// <summary>The library's name or description of the status.</summary>
    public string StatusText { get; }
}
