using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Knobs.Cuda.Native;

/// <summary>cuBLAS (libcublas.so.13 or .12): column-major GEMMs on a stream.</summary>
internal static unsafe partial class Cublas
{
    private const string Lib = CudaLibrarySpec.CublasImport;

    public const int OpN = 0;
    public const int OpT = 1;
    /// <summary>CUBLAS_DEFAULT_MATH: fp32 GEMMs stay fp32 (TF32 needs CUBLAS_TF32_TENSOR_OP_MATH or a _FAST_TF32 compute type).</summary>
    public const int DefaultMath = 0;
    /// <summary>CUBLAS_PEDANTIC_MATH: the prescribed precision everywhere, no tensor-core shortcuts.</summary>
    public const int PedanticMath = 2;
    public const int DataR32F = 0;
    public const int DataR16F = 2;
    /// <summary>CUBLAS_COMPUTE_32F: fp32 accumulation (never TF32).</summary>
    public const int Compute32F = 68;
    public const int Compute16F = 64;
    public const int GemmDefault = -1;

    [LibraryImport(Lib, EntryPoint = "cublasCreate_v2")] public static partial int cublasCreate(out nint handle);
    [LibraryImport(Lib, EntryPoint = "cublasDestroy_v2")] public static partial int cublasDestroy(nint handle);
    [LibraryImport(Lib, EntryPoint = "cublasGetVersion_v2")] public static partial int cublasGetVersion(nint handle, out int version);
    [LibraryImport(Lib, EntryPoint = "cublasSetStream_v2")] public static partial int cublasSetStream(nint handle, nint stream);
    [LibraryImport(Lib)] public static partial int cublasSetMathMode(nint handle, int mode);
    [LibraryImport(Lib, EntryPoint = "cublasSgemm_v2")]
    public static partial int cublasSgemm(nint handle, int transA, int transB, int m, int n, int k, float* alpha,
        ulong a, int lda, ulong b, int ldb, float* beta, ulong c, int ldc);
    [LibraryImport(Lib)]
    public static partial int cublasSgemmStridedBatched(nint handle, int transA, int transB, int m, int n, int k, float* alpha,
        ulong a, int lda, long strideA, ulong b, int ldb, long strideB, float* beta, ulong c, int ldc, long strideC, int batchCount);
    [LibraryImport(Lib)]
    public static partial int cublasGemmEx(nint handle, int transA, int transB, int m, int n, int k, void* alpha,
        ulong a, int aType, int lda, ulong b, int bType, int ldb, void* beta, ulong c, int cType, int ldc, int computeType, int algo);
    [LibraryImport(Lib)]
    public static partial int cublasGemmStridedBatchedEx(nint handle, int transA, int transB, int m, int n, int k, void* alpha,
        ulong a, int aType, int lda, long strideA, ulong b, int bType, int ldb, long strideB, void* beta,
        ulong c, int cType, int ldc, long strideC, int batchCount, int computeType, int algo);
    [LibraryImport(Lib)] public static partial byte* cublasGetStatusString(int status);

    /// <summary>Throws a <see cref="CudaException"/> naming <paramref name="call"/> unless <paramref name="status"/> is CUBLAS_STATUS_SUCCESS.</summary>
    public static void Check(int status, [CallerArgumentExpression(nameof(status))] string call = "")
    {
        if (status == 0) return;
        throw new CudaException(CudaLibrary.Cublas, CuDriver.CallName(call), status, Marshal.PtrToStringUTF8((nint)cublasGetStatusString(status)) ?? "unknown");
    }
}
