using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.KnobTables;
using Knobs.Tensors;
using Knobs.Tensors.Backends;
using Knobs.Tensors.Backends.Reference;

namespace Knobs.Samples.Tests;

/// <summary>
/// Effective FLOPs are what a knob really computes: for every knob of HPVM's table on every convolution layer of the
/// samples, the op's recorded effective FLOPs are twice the multiply-adds the Reference backend performs in that
/// very call (perforation's computed lines, sampling's kept taps).
/// </summary>
public class EffectiveFlopsTests
{
    private sealed record Layer(int[] Input, int[] Filter, int PadH, int PadW, int StrideH, int StrideW);

    private static IReadOnlyList<Layer> ConvLayers(Sample sample)
    {
        using OpFeatureLog.Recording recording = OpFeatureLog.Open();
        using (new TensorScope()) sample.Seeded(1)(Tensor.Random([1, .. sample.InputShape], seed: 3));
        return recording.Recorded
            .Where(f => f.Op == nameof(Ops.Convolution))
            .Select(f => new Layer(f.Inputs[0], f.Inputs[1], f.Padding![0], f.Padding[1], f.Stride![0], f.Stride[1]))
            .GroupBy(l => string.Join(",", l.Input.Concat(l.Filter).Concat(new[] { l.PadH, l.PadW, l.StrideH, l.StrideW })))
            .Select(g => g.First())
            .ToList();
    }

    private static Func<Tensor, Tensor, Layer, Tensor> Call(Knob knob)
    {
        int[] a = knob.CallArguments.Select(int.Parse).ToArray();
        bool half = knob.Precision == "fp16";
        return knob.KnobsToOp switch
        {
            _ when a.Length == 0 => half
                ? (x, w, l) => Ops.HalfConvolution(x, w, l.PadH, l.PadW, l.StrideH, l.StrideW)
                : (x, w, l) => Ops.Convolution(x, w, l.PadH, l.PadW, l.StrideH, l.StrideW),
            _ => half
                ? (x, w, l) => Ops.ConvApproxHalf(x, w, l.PadH, l.PadW, l.StrideH, l.StrideW, a[0], a[1], a[2], a[3])
                : (x, w, l) => Ops.ConvApprox(x, w, l.PadH, l.PadW, l.StrideH, l.StrideW, a[0], a[1], a[2], a[3]),
        };
    }

    [Theory]
    [MemberData(nameof(Sample.Networks), MemberType = typeof(Sample))]
    public void EffectiveFlopsAreTwiceTheMultiplyAddsTheReferenceBackendPerforms(string network)
    {
        IReadOnlyList<Layer> layers = ConvLayers(Sample.Get(network));
        Assert.NotEmpty(layers);
        Knob[] knobs = KnobTable.Default.Knobs.Where(k => k.Status == KnobStatus.Supported).ToArray();
        Assert.Contains(knobs, k => k.Type == "perf");
        Assert.Contains(knobs, k => k.Type == "samp_fp16");

        bool fuse = Ops.FuseEpilogues;
        var reference = new ReferenceBackend();
        // This thread only: other test classes run beside this one on the process-wide backend.
        using IDisposable onReference = Backend.OnThisThread(reference);
        Ops.FuseEpilogues = false;
        try
        {
            foreach (Layer layer in layers)
            {
                Tensor x = Tensor.Random(layer.Input, seed: 5), w = Tensor.Random(layer.Filter, seed: 6);
                foreach (Knob knob in knobs)
                {
                    using OpFeatureLog.Recording recording = OpFeatureLog.Open();
                    long before = reference.MultiplyAdds;
                    Call(knob)(x, w, layer).Dispose();
                    long macs = reference.MultiplyAdds - before;
                    OpFeatures f = Assert.Single(recording.Recorded);
                    Assert.True(2 * macs == f.EffectiveFlops,
                        $"{network} conv {string.Join("x", layer.Input)} * {string.Join("x", layer.Filter)} under {knob.Type}_{knob.Id}: effective FLOPs {f.EffectiveFlops}, Reference multiply-adds {macs}");
                    if (knob.Type is "fp32" or "fp16") Assert.Equal(f.NominalFlops, f.EffectiveFlops);
                    else Assert.True(f.EffectiveFlops <= f.NominalFlops, $"{knob.Type}_{knob.Id} computes no more than the exact convolution");
                }
            }
        }
        finally
        {
            Ops.FuseEpilogues = fuse;
        }
    }
}
