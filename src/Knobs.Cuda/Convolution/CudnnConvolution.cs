using System;
using System.Collections.Generic;
using Knobs.Cuda.Native;

namespace Knobs.Cuda.Convolution;

/// <summary>
/// One cuDNN forward convolution with fully packed NCHW descriptors, its algorithm chosen once by
/// cudnnFindConvolutionForwardAlgorithmEx (the fastest that is allowed: fp32 runs with CUDNN_FMA_MATH, so never TF32;
/// fp16 with CUDNN_TENSOR_OP_MATH and fp32 accumulation).
/// </summary>
internal sealed unsafe class CudnnConvolution : IDisposable
{
    private const long FindWorkspaceBytes = 256L << 20;
    private readonly CudaDevice _device;
    private nint _x, _w, _conv, _y;

    public CudnnConvolution(CudaDevice device, bool half, int n, int c, int h, int w, int k, int cPerGroup, int kh, int kw,
        int padH, int padW, int strideH, int strideW, int groups)
    {
        _device = device;
        nint handle = device.Cudnn;
        _ = handle;
        int type = half ? Cudnn.DataHalf : Cudnn.DataFloat;
        Cudnn.Check(Cudnn.cudnnCreateTensorDescriptor(out _x));
        Cudnn.Check(Cudnn.cudnnCreateTensorDescriptor(out _y));
        Cudnn.Check(Cudnn.cudnnCreateFilterDescriptor(out _w));
        Cudnn.Check(Cudnn.cudnnCreateConvolutionDescriptor(out _conv));
        Cudnn.Check(Cudnn.cudnnSetTensor4dDescriptor(_x, Cudnn.TensorNchw, type, n, c, h, w));
        Cudnn.Check(Cudnn.cudnnSetFilter4dDescriptor(_w, type, Cudnn.TensorNchw, k, cPerGroup, kh, kw));
        Cudnn.Check(Cudnn.cudnnSetConvolution2dDescriptor(_conv, padH, padW, strideH, strideW, 1, 1, Cudnn.CrossCorrelation, Cudnn.DataFloat));
        if (groups > 1) Cudnn.Check(Cudnn.cudnnSetConvolutionGroupCount(_conv, groups));
        MathType = half ? Cudnn.TensorOpMath : Cudnn.FmaMath;
        Cudnn.Check(Cudnn.cudnnSetConvolutionMathType(_conv, MathType));
        Cudnn.Check(Cudnn.cudnnGetConvolution2dForwardOutputDim(_conv, _x, _w, out int on, out int oc, out int oh, out int ow));
        OutputShape = (on, oc, oh, ow);
        Cudnn.Check(Cudnn.cudnnSetTensor4dDescriptor(_y, Cudnn.TensorNchw, type, on, oc, oh, ow));
        Half = half;
    }

    public bool Half { get; }

    /// <summary>The output cuDNN computes for these descriptors (N, K, OH, OW).</summary>
    public (int N, int K, int H, int W) OutputShape { get; }

    /// <summary>The chosen algorithm (cudnnConvolutionFwdAlgo_t), -1 before <see cref="Choose"/>.</summary>
    public int Algorithm { get; private set; } = -1;

    /// <summary>The math type of the chosen algorithm.</summary>
    public int MathType { get; private set; }

    /// <summary>Workspace bytes the chosen algorithm needs.</summary>
    public long WorkspaceBytes { get; private set; }

    /// <summary>
    /// Chooses the algorithm on these buffers (cuDNN writes <paramref name="y"/>): cudnnFindConvolutionForwardAlgorithmEx
    /// lists what can run, then each allowed candidate is timed here with CUDA events on the device's stream
    /// (<see cref="TimedRuns"/> calls after <see cref="WarmupRuns"/>), since Find's own one-shot timings often pick
    /// a slower algorithm, and the fastest is kept.
    /// </summary>
    public void Choose(ulong x, ulong w, ulong y)
    {
        nint handle = _device.Cudnn;
        Cudnn.Check(Cudnn.cudnnGetConvolutionForwardAlgorithmMaxCount(handle, out int max));
        var results = new Cudnn.ConvolutionFwdAlgoPerf[Math.Max(max, 1)];
        int returned;
        using (DeviceBuffer find = _device.Allocate(FindWorkspaceBytes))
        {
            fixed (Cudnn.ConvolutionFwdAlgoPerf* r = results)
                Cudnn.Check(Cudnn.cudnnFindConvolutionForwardAlgorithmEx(handle, _x, x, _w, w, _conv, _y, y, results.Length, out returned, r,
                    find.Pointer, (nuint)FindWorkspaceBytes));
        }
        var candidates = new List<Cudnn.ConvolutionFwdAlgoPerf>();
        for (int i = 0; i < returned; i++)
        {
            Cudnn.ConvolutionFwdAlgoPerf p = results[i];
            if (p.Status != 0 || (long)p.Memory > FindWorkspaceBytes) continue;
            if (!Half && p.MathType is Cudnn.TensorOpMath or Cudnn.TensorOpMathAllowConversion) continue;
            // fp16 FFT convolutions transform in half and miss the half-precision tolerance by an order of magnitude.
            if (Half && p.Algo is Cudnn.AlgoFft or Cudnn.AlgoFftTiling) continue;
            candidates.Add(p);
        }
        if (candidates.Count == 0)
            throw new CudaException(CudaLibrary.Cudnn, "cudnnFindConvolutionForwardAlgorithmEx", 0,
                $"none of the {returned} algorithms returned can run this convolution{(Half ? "" : " without TF32")}");
        long most = 0;
        foreach (var c in candidates) most = Math.Max(most, (long)c.Memory);
        using DeviceBuffer? workspace = most > 0 ? _device.Allocate(most) : null;
        using CudaEvent start = _device.CreateEvent(), end = _device.CreateEvent();
        float best = float.PositiveInfinity;
        foreach (var c in candidates)
        {
            Use(c);
            for (int i = 0; i < WarmupRuns; i++) Run(x, w, y, workspace);
            start.Record();
            for (int i = 0; i < TimedRuns; i++) Run(x, w, y, workspace);
            end.Record();
            float ms = end.MillisecondsSince(start) / TimedRuns;
            if (ms < best)
            {
                best = ms;
                Chosen = c;
            }
        }
        Use(Chosen);
        ChosenMilliseconds = best;
    }

    /// <summary>Calls before a candidate is timed.</summary>
    public const int WarmupRuns = 3;

    /// <summary>Calls a candidate is timed over.</summary>
    public const int TimedRuns = 10;

    /// <summary>The time per call of the chosen algorithm when it was chosen.</summary>
    public float ChosenMilliseconds { get; private set; }

    private Cudnn.ConvolutionFwdAlgoPerf Chosen { get; set; }

    private void Use(Cudnn.ConvolutionFwdAlgoPerf p)
    {
        Algorithm = p.Algo;
        MathType = p.MathType;
        WorkspaceBytes = (long)p.Memory;
        Cudnn.Check(Cudnn.cudnnSetConvolutionMathType(_conv, MathType));
    }

    /// <summary>y = conv(x, w) on the device's stream.</summary>
    public void Run(ulong x, ulong w, ulong y, DeviceBuffer? workspace)
    {
        if (Algorithm < 0) throw new InvalidOperationException("Choose an algorithm first.");
        float one = 1f, zero = 0f;
        ulong ws = WorkspaceBytes > 0 ? workspace!.Pointer : 0;
        Cudnn.Check(Cudnn.cudnnConvolutionForward(_device.Cudnn, &one, _x, x, _w, w, _conv, Algorithm, ws, (nuint)WorkspaceBytes, &zero, _y, y));
    }

    public void Dispose()
    {
        if (_x != 0) Cudnn.cudnnDestroyTensorDescriptor(_x);
        if (_y != 0) Cudnn.cudnnDestroyTensorDescriptor(_y);
        if (_w != 0) Cudnn.cudnnDestroyFilterDescriptor(_w);
        if (_conv != 0) Cudnn.cudnnDestroyConvolutionDescriptor(_conv);
        _x = _y = _w = _conv = 0;
    }
}
