using System;
using System.Globalization;
using Knobs.Cuda.Native;
using Knobs.Tensors.Backends;

namespace Knobs.Cuda.Convolution;

/// <summary>
/// Filter sampling as HPVM's GPU runtime does it: a reduced filter [K, R] of the R kept taps times s/(s−1), an im2col
/// [N, R, OH·OW] of the inputs those taps read, and one strided-batched GEMM per image through cuBLAS
/// (fp32: cublasSgemmStridedBatched, no TF32; fp16: cublasGemmStridedBatchedEx on half operands with fp32 accumulation).
/// Work done is R/(C·KH·KW) of the exact convolution's multiply-adds.
/// </summary>
internal sealed unsafe class SampledPlan : IConvPlan
{
    private readonly CudaDevice _device;
    private readonly ConvShape _s;
    private readonly bool _half;
    private readonly int _kept;
    private readonly float _scale;
    private readonly DeviceBuffer _keptIndices, _filter, _cols;

    public SampledPlan(CudaDevice device, in ConvShape s, in ConvApproxParams knob, bool half)
    {
        _device = device;
        _s = s;
        _half = half;
        int[] kept = FilterSampling.KeptIndices(s.C, s.KH * s.KW, knob.SkipEvery, knob.Offset);
        _kept = kept.Length;
        _scale = FilterSampling.Scale(knob.SkipEvery);
        int element = half ? 2 : 4;
        _keptIndices = device.Allocate((long)kept.Length * sizeof(int));
        _keptIndices.Upload<int>(kept);
        _filter = device.Allocate((long)s.K * _kept * element);
        _cols = device.Allocate((long)s.N * _kept * s.OutH * s.OutW * element);
        _ = device.Cublas;
    }

    public long WorkspaceBytes => 0;

    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"im2col of {_kept}/{_s.C * _s.KH * _s.KW} taps + {(_half ? "cublasGemmStridedBatchedEx f16/f32acc" : "cublasSgemmStridedBatched")}");

    public void Run(DeviceBuffer x, DeviceBuffer w, DeviceBuffer y, DeviceBuffer? workspace)
    {
        ConvShape s = _s;
        int p = s.OutH * s.OutW;
        HpvmKernels.CompactFilter(_device, _half, w.Pointer, _keptIndices.Pointer, _filter.Pointer, s.K, s.C * s.KH * s.KW, _kept, _scale);
        HpvmKernels.Im2ColSampled(_device, _half, x.Pointer, _keptIndices.Pointer, _cols.Pointer, s.N, s.C, s.H, s.W, s.KH, s.KW,
            s.PadH, s.PadW, s.StrideH, s.StrideW, s.OutH, s.OutW, _kept);
        // Row-major Y_n [K, P] = W' [K, R] · X'_n [R, P] is column-major Y_nᵀ [P, K] = X'_nᵀ [P, R] · W'ᵀ [R, K].
        float one = 1f, zero = 0f;
        nint h = _device.Cublas;
        if (_half)
        {
            Cublas.Check(Cublas.cublasGemmStridedBatchedEx(h, Cublas.OpN, Cublas.OpN, p, s.K, _kept, &one,
                _cols.Pointer, Cublas.DataR16F, p, (long)_kept * p, _filter.Pointer, Cublas.DataR16F, _kept, 0, &zero,
                y.Pointer, Cublas.DataR16F, p, (long)s.K * p, s.N, Cublas.Compute32F, Cublas.GemmDefault));
        }
        else
        {
            Cublas.Check(Cublas.cublasSgemmStridedBatched(h, Cublas.OpN, Cublas.OpN, p, s.K, _kept, &one,
                _cols.Pointer, p, (long)_kept * p, _filter.Pointer, _kept, 0, &zero, y.Pointer, p, (long)s.K * p, s.N));
        }
    }

    public void Dispose()
    {
        _keptIndices.Dispose();
        _filter.Dispose();
        _cols.Dispose();
    }
}
