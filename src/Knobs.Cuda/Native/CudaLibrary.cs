using System.Collections.Generic;

namespace Knobs.Cuda.Native;

/// <summary>The native libraries the CUDA backend loads at run time.</summary>
public enum CudaLibrary
{
    /// <summary>The CUDA driver API (<c>libcuda.so.1</c>), installed with the NVIDIA driver.</summary>
    Driver,
    /// <summary>The run-time compiler (<c>libnvrtc.so.13</c> or <c>.12</c>).</summary>
    Nvrtc,
    /// <summary>cuBLAS (<c>libcublas.so.13</c> or <c>.12</c>).</summary>
    Cublas,
    /// <summary>cuDNN 9 (<c>libcudnn.so.9</c>).</summary>
    Cudnn,
    /// <summary>The management library (<c>libnvidia-ml.so.1</c>), installed with the NVIDIA driver.</summary>
    Nvml,
}

/// <summary>What each <see cref="CudaLibrary"/> is called on disk, and what to install when it is missing.</summary>
public sealed record CudaLibrarySpec(CudaLibrary Library, string ImportName, IReadOnlyList<string> FileNames, string Remedy)
{
    /// <summary>The name the bindings' <c>LibraryImport</c> attributes use; the resolver maps it to the located file.</summary>
    internal const string DriverImport = "knobs-cuda-driver";
    internal const string NvrtcImport = "knobs-cuda-nvrtc";
    internal const string CublasImport = "knobs-cuda-cublas";
    internal const string CudnnImport = "knobs-cuda-cudnn";
    internal const string NvmlImport = "knobs-cuda-nvml";

    private const string Toolkit =
        "install the CUDA toolkit 12 or 13 (it puts the library under /usr/local/cuda-<version>/lib64), or the NVIDIA wheels of a Python environment";

    /// <summary>Every library, in the order a backend loads them.</summary>
    public static IReadOnlyList<CudaLibrarySpec> All { get; } =
    [
        new(CudaLibrary.Driver, DriverImport, ["libcuda.so.1", "libcuda.so"],
            "install an NVIDIA driver (libcuda.so.1 comes with it; in a container, run it with the NVIDIA container runtime)"),
        new(CudaLibrary.Nvrtc, NvrtcImport, ["libnvrtc.so.13", "libnvrtc.so.12"],
            Toolkit + " (pip install nvidia-cuda-nvrtc-cu12, or the cu13 wheels)"),
        new(CudaLibrary.Cublas, CublasImport, ["libcublas.so.13", "libcublas.so.12"],
            Toolkit + " (pip install nvidia-cublas-cu12, or the cu13 wheels)"),
        new(CudaLibrary.Cudnn, CudnnImport, ["libcudnn.so.9"],
            "install cuDNN 9 (the cudnn9-cuda-12/13 package, or pip install nvidia-cudnn-cu12)"),
        new(CudaLibrary.Nvml, NvmlImport, ["libnvidia-ml.so.1", "libnvidia-ml.so"],
            "install an NVIDIA driver (libnvidia-ml.so.1 comes with it)"),
    ];

    /// <summary>The spec of <paramref name="library"/>.</summary>
    public static CudaLibrarySpec Of(CudaLibrary library) => All[(int)library];
}
