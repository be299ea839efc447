using System.Collections.Generic;
using System.Globalization;
using Knobs.Cuda.Native;

namespace Knobs.Cuda;

/// <summary>The versions of the loaded CUDA libraries and where each was loaded from (recorded with every GPU result).</summary>
public sealed record CudaStack(int DriverApiVersion, string NvrtcVersion, long CudnnVersion, int CublasVersion, IReadOnlyDictionary<CudaLibrary, string> LoadedFrom)
{
    /// <summary>Loads every library (a missing one is a <see cref="CudaLibraryNotFoundException"/>) and reads its version.</summary>
    public static unsafe CudaStack Read(CudaDevice device)
    {
        var from = new Dictionary<CudaLibrary, string>();
        foreach (CudaLibrarySpec spec in CudaLibrarySpec.All) from[spec.Library] = CudaNativeLibraries.Ensure(spec.Library);
        Nvrtc.Check(Nvrtc.nvrtcVersion(out int major, out int minor));
        Cublas.Check(Cublas.cublasGetVersion(device.Cublas, out int cublas));
        return new CudaStack(CudaDevice.DriverVersion, string.Create(CultureInfo.InvariantCulture, $"{major}.{minor}"),
            (long)Cudnn.cudnnGetVersion(), cublas, from);
    }

    /// <summary>The NVRTC target the kernels were built for on <paramref name="device"/> (compiles them if needed).</summary>
    public static string KernelTarget(CudaDevice device) => device.Kernels.Target;
}
