using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Accelerators.Description;
using Knobs.Accelerators.Modelling;
using Knobs.KnobTables;
using Knobs.Profiles;
using Knobs.Runtime;
using Knobs.Samples.CustomAccelOp;
using Knobs.Tensors;
using Knobs.Testing;

namespace Knobs.Samples.Tests;

/// <summary>
/// The modelled accelerators see the work each knob really does: the MACs a model counts are half the op's effective
/// FLOPs (perforation's computed lines, sampling's kept taps), on every convolution of the samples; and the custom-operator
/// sample's own model runs through the runner as SMAUG's walk-through describes its hardware.
/// </summary>
public class AcceleratorModelTests
{
    private static readonly string Accelerators = RepoPaths.Combine("samples", "accelerators");

    private static AcceleratorDescription Load(string name) => AcceleratorReader.Load(Path.Combine(Accelerators, name));

    private static List<OpFeatures> ConvCalls(Sample sample, int batch)
    {
        Knob[] knobs = KnobTable.Default.Knobs.Where(k => k.Status == KnobStatus.Supported).ToArray();
        var layers = new List<OpFeatures>();
        using (OpFeatureLog.Recording recording = OpFeatureLog.Open())
        {
            using (new TensorScope()) sample.Seeded(1)(Tensor.Random([batch, .. sample.InputShape], seed: 3));
            layers.AddRange(recording.Recorded.Where(f => f.Op == nameof(Ops.Convolution)));
        }
        var calls = new List<OpFeatures>();
        foreach (OpFeatures layer in layers.GroupBy(l => string.Join(",", l.Inputs[0].Concat(l.Inputs[1]).Concat(l.Padding!).Concat(l.Stride!))).Select(g => g.First()))
        {
            Tensor x = Tensor.Random(layer.Inputs[0], seed: 5), w = Tensor.Random(layer.Inputs[1], seed: 6);
            foreach (Knob knob in knobs)
            {
                int[] a = knob.CallArguments.Select(int.Parse).ToArray();
                bool half = knob.Precision == "fp16";
                int ph = layer.Padding![0], pw = layer.Padding[1], sh = layer.Stride![0], sw = layer.Stride[1];
                using OpFeatureLog.Recording recording = OpFeatureLog.Open();
                using (new TensorScope())
                {
                    _ = a.Length == 0
                        ? half ? Ops.HalfConvolution(x, w, ph, pw, sh, sw) : Ops.Convolution(x, w, ph, pw, sh, sw)
                        : half ? Ops.ConvApproxHalf(x, w, ph, pw, sh, sw, a[0], a[1], a[2], a[3]) : Ops.ConvApprox(x, w, ph, pw, sh, sw, a[0], a[1], a[2], a[3]);
                }
                calls.Add(recording.Recorded[0]);
            }
        }
        return calls;
    }

    private static ModelledOp Op(OpFeatures f, int batch) => new(f.Op, "conv", new OpFeatureRecord(f.Precision, f.Inputs, f.Output, f.Window, f.Stride,
        f.Padding, f.Groups, f.Approximation, f.NominalFlops, f.EffectiveFlops, f.BytesRead, f.BytesWritten, batch, 1));

    [Theory]
    [MemberData(nameof(Sample.Networks), MemberType = typeof(Sample))]
    public void The_work_of_every_knob_on_every_convolution_is_half_its_effective_flops(string network)
    {
        foreach (OpFeatures f in ConvCalls(Sample.Get(network), batch: 1))
        {
            ConvWork work = ConvWork.From(Op(f, 1));
            Assert.True(2 * work.Macs == f.EffectiveFlops, $"{network} {f.Op} {string.Join(",", f.Approximation ?? Array.Empty<int>())}: {work.Macs} MACs vs {f.EffectiveFlops} effective FLOPs");
        }
    }

    [Theory]
    [MemberData(nameof(Sample.Networks), MemberType = typeof(Sample))]
    public void Every_convolution_of_every_sample_maps_onto_both_engines_at_its_own_output_size(string network)
    {
        Sample sample = Sample.Get(network);
        var convolutions = new List<OpFeatures>();
        using (OpFeatureLog.Recording recording = OpFeatureLog.Open())
        {
            using (new TensorScope()) sample.Seeded(1)(Tensor.Random([1, .. sample.InputShape], seed: 3));
            convolutions.AddRange(recording.Recorded.Where(f => f.Op is nameof(Ops.Convolution) or nameof(Ops.GroupConvolution)));
        }
        Assert.NotEmpty(convolutions);
        foreach (string description in new[] { "arr32_ws.yaml", "smv.yaml" })
        {
            var modeller = new AcceleratorModeller(Load(description));
            foreach (OpFeatures f in convolutions)
            {
                OpCost cost = modeller.Model(new ModelledOp(f.Op, f.Op == nameof(Ops.GroupConvolution) ? "group_conv" : "conv", Op(f, 1).Features));
                Assert.True(2 * cost.Macs == f.EffectiveFlops, $"{network} {description} {f.Op} {string.Join("x", f.Inputs[0])}: {cost.Macs} MACs vs {f.EffectiveFlops} effective FLOPs");
            }
        }
    }

    [Theory]
    [InlineData("arr32_ws.yaml")]
    [InlineData("smv.yaml")]
    public void Both_engines_count_the_MACs_the_knob_really_does_on_lenet(string description)
    {
        var modeller = new AcceleratorModeller(Load(description));
        var seen = new HashSet<string>();
        foreach (OpFeatures f in ConvCalls(Sample.Get("lenet_mnist"), batch: 2))
        {
            OpCost cost = modeller.Model(Op(f, 2));
            Assert.True(2 * cost.Macs == f.EffectiveFlops, $"{description} {f.Op} {string.Join(",", f.Approximation ?? Array.Empty<int>())}: {cost.Macs} MACs vs {f.EffectiveFlops} effective FLOPs");
            Assert.True(cost.Cycles > 0 && cost.EnergyPicojoules > 0);
            seen.Add(f.Precision + (f.Approximation is null ? "" : "approx"));
        }
        Assert.Equal(4, seen.Count);
    }

    [Theory]
    [InlineData("arr32_ws.yaml")]
    [InlineData("smv.yaml")]
    public void Perforation_and_sampling_take_fewer_cycles_than_the_exact_convolution(string description)
    {
        var modeller = new AcceleratorModeller(Load(description));
        List<OpFeatures> calls = ConvCalls(Sample.Get("alexnet_cifar10"), batch: 1);
        OpFeatures exact = calls.First(f => f.Approximation is null && f.Precision == "fp32" && f.Inputs[1][0] == 192);
        long exactCycles = modeller.Model(Op(exact, 1)).Cycles;
        foreach (OpFeatures f in calls.Where(c => c.Inputs[1][0] == 192 && c.Precision == "fp32" && c.Approximation is { } a && (a[0] == 2 || a[1] == 2 || a[2] == 2)))
        {
            long cycles = modeller.Model(Op(f, 1)).Cycles;
            Assert.True(cycles < exactCycles, $"{description}: {string.Join(",", f.Approximation!)} takes {cycles} cycles, exact {exactCycles}");
        }
    }

    [Fact]
    public void The_custom_operator_costs_what_its_own_model_says_four_tiles_of_smaugs_test_tensor()
    {
        string folder = Path.Combine(Path.GetTempPath(), "knobs-custom-op-" + Guid.NewGuid().ToString("N"));
        try
        {
            var output = new StringWriter();
            int code = Runner.Main(new[]
            {
                "run", "--variant", "fp32_11", "--batch", "8", "--quiet", "--out", folder,
                "--accelerator", RepoPaths.Combine("samples", "custom_accel_op", "accelerator.yaml"),
            }, GeneratedRegistry.RegistryOf(typeof(CustomAdd)), output, output);
            Assert.True(code == 0, output.ToString());
            Profile profile = ProfileReader.Read(Path.Combine(folder, "CustomAdd.fp32_11.profile.jsonl"));
            Assert.Equal("accel:smv_custom", profile.Header.Device.Kind);
            OpRecord add = profile.Ops.Single(o => o.Op == nameof(AccelOps.ElementwiseAdd));
            Assert.Equal(Provenance.Modelled, add.Provenance);
            // [8, 4096] fp32 in 32 KiB scratchpads: four tiles of 8192; per tile two loads and a store of 32 KiB at
            // 16 bytes per cycle (2048 cycles each) and 8192 / 8 lanes = 1024 cycles of adds.
            Assert.Equal("elementwise_add", add.Modelled!.Engine);
            Assert.Equal(4 * (3 * 2048 + 1024), add.Modelled.Cycles);
            Assert.Equal(4 * (3 * 2048 + 1024) / 1e6, add.Time.Mean, 12);
            Assert.Equal(2L * 8 * 4096 * 4, add.Modelled.Traffic.Single(t => t.Memory == "dram").BytesRead);
            Assert.NotNull(profile.Qos);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
