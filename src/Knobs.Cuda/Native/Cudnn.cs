using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Knobs.Cuda.Native;

/// <summary>cuDNN 9's legacy convolution API (libcudnn.so.9).</summary>
internal static unsafe partial class Cudnn
{
    private const string Lib = CudaLibrarySpec.CudnnImport;

    public const int TensorNchw = 0;
    public const int DataFloat = 0;
    public const int DataHalf = 2;
    public const int CrossCorrelation = 1;
    /// <summary>CUDNN_DEFAULT_MATH: on Ampere and later this still permits TF32 for fp32; fp32 convolutions use <see cref="FmaMath"/>.</summary>
    public const int DefaultMath = 0;
    public const int TensorOpMath = 1;
    public const int TensorOpMathAllowConversion = 2;
    /// <summary>CUDNN_FMA_MATH: FMA only, so fp32 is fp32 (what PyTorch sets when allow_tf32 is off).</summary>
    public const int FmaMath = 3;

    public const int AlgoImplicitGemm = 0;
    public const int AlgoImplicitPrecompGemm = 1;
    public const int AlgoGemm = 2;
    public const int AlgoDirect = 3;
    public const int AlgoFft = 4;
    public const int AlgoFftTiling = 5;
    public const int AlgoWinograd = 6;
    public const int AlgoWinogradNonfused = 7;

    /// <summary>cudnnConvolutionFwdAlgoPerf_t.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ConvolutionFwdAlgoPerf
    {
        public int Algo;
        public int Status;
        public float Time;
        public nuint Memory;
        public int Determinism;
        public int MathType;
        public int Reserved0;
        public int Reserved1;
        public int Reserved2;
    }

    [LibraryImport(Lib)] public static partial nuint cudnnGetVersion();
    [LibraryImport(Lib)] public static partial int cudnnCreate(out nint handle);
    [LibraryImport(Lib)] public static partial int cudnnDestroy(nint handle);
    [LibraryImport(Lib)] public static partial int cudnnSetStream(nint handle, nint stream);
    [LibraryImport(Lib)] public static partial byte* cudnnGetErrorString(int status);
    [LibraryImport(Lib)] public static partial int cudnnCreateTensorDescriptor(out nint desc);
    [LibraryImport(Lib)] public static partial int cudnnDestroyTensorDescriptor(nint desc);
    [LibraryImport(Lib)] public static partial int cudnnSetTensor4dDescriptor(nint desc, int format, int dataType, int n, int c, int h, int w);
    [LibraryImport(Lib)] public static partial int cudnnCreateFilterDescriptor(out nint desc);
    [LibraryImport(Lib)] public static partial int cudnnDestroyFilterDescriptor(nint desc);
    [LibraryImport(Lib)] public static partial int cudnnSetFilter4dDescriptor(nint desc, int dataType, int format, int k, int c, int h, int w);
    [LibraryImport(Lib)] public static partial int cudnnCreateConvolutionDescriptor(out nint desc);
    [LibraryImport(Lib)] public static partial int cudnnDestroyConvolutionDescriptor(nint desc);
    [LibraryImport(Lib)]
    public static partial int cudnnSetConvolution2dDescriptor(nint desc, int padH, int padW, int strideH, int strideW,
        int dilationH, int dilationW, int mode, int computeType);
    [LibraryImport(Lib)] public static partial int cudnnSetConvolutionMathType(nint desc, int mathType);
    [LibraryImport(Lib)] public static partial int cudnnSetConvolutionGroupCount(nint desc, int groups);
    [LibraryImport(Lib)]
    public static partial int cudnnGetConvolution2dForwardOutputDim(nint conv, nint x, nint w, out int n, out int c, out int h, out int wOut);
    [LibraryImport(Lib)] public static partial int cudnnGetConvolutionForwardAlgorithmMaxCount(nint handle, out int count);
    [LibraryImport(Lib)]
    public static partial int cudnnFindConvolutionForwardAlgorithmEx(nint handle, nint xDesc, ulong x, nint wDesc, ulong w, nint convDesc,
        nint yDesc, ulong y, int requested, out int returned, ConvolutionFwdAlgoPerf* results, ulong workspace, nuint workspaceBytes);
    [LibraryImport(Lib)]
    public static partial int cudnnGetConvolutionForwardAlgorithm_v7(nint handle, nint xDesc, nint wDesc, nint convDesc, nint yDesc,
        int requested, out int returned, ConvolutionFwdAlgoPerf* results);
    [LibraryImport(Lib)]
    public static partial int cudnnGetConvolutionForwardWorkspaceSize(nint handle, nint xDesc, nint wDesc, nint convDesc, nint yDesc,
        int algo, out nuint bytes);
    [LibraryImport(Lib)]
    public static partial int cudnnConvolutionForward(nint handle, void* alpha, nint xDesc, ulong x, nint wDesc, ulong w, nint convDesc,
        int algo, ulong workspace, nuint workspaceBytes, void* beta, nint yDesc, ulong y);

    /// <summary>Throws a <see cref="CudaException"/> naming <paramref name="call"/> unless <paramref name="status"/> is CUDNN_STATUS_SUCCESS.</summary>
    public static void Check(int status, [CallerArgumentExpression(nameof(status))] string call = "")
    {
        if (status == 0) return;
        throw new CudaException(CudaLibrary.Cudnn, CuDriver.CallName(call), status, Marshal.PtrToStringUTF8((nint)cudnnGetErrorString(status)) ?? "unknown");
    }
}
