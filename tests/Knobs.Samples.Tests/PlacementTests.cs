using System;
using System.Linq;
using Knobs.Profiles;
using Knobs.Runtime;
using Knobs.Runtime.Energy;
using Knobs.Runtime.Measurement;
using Knobs.Runtime.Profiles;
using Knobs.Tensors;
using Knobs.Tensors.Backends;
using Knobs.Tensors.Backends.Cpu;
using Knobs.Tensors.Backends.Reference;

namespace Knobs.Samples.Tests;

/// <summary>
/// Per-node placement over the generated switched <c>Run</c>, without a GPU: LeNet's nodes alternate between a backend
/// whose tensors live in a storage of their own (the Reference kernels over a non-host storage) and a host backend.
/// Every operand that crosses is copied as a counted transition; the output is the one-backend run's.
/// </summary>
public class PlacementTests
{
    private static readonly StorageDomain DeviceMemory = new("placement-test-device", isHost: false);

    private static BenchmarkVariant Fp32() => GeneratedRegistry.For(typeof(LeNetMnist)).CreateVariant("fp32_11");

    private static BenchmarkVariant PlacedOnOddNodes(IBackend device)
    {
        BenchmarkVariant variant = Fp32();
        RunChoices choices = Assert.IsType<RunChoices>(variant.Choices);
        for (int node = 1; node <= choices.NodeCount; node += 2) choices.Place(node, device);
        return variant;
    }

    private static float[] RunOn(IBackend backend, BenchmarkVariant variant, Tensor input)
    {
        using (TensorContext.Enter(new TensorContext(backend, fuseEpilogues: false)))
        using (new TensorScope())
        {
            return variant.Run(input).ToArray();
        }
    }

    [Fact]
    public void NodesOnTwoStoragesGiveTheOneBackendBitsAndCountTheirCopies()
    {
        var host = new ReferenceBackend();
        BenchmarkVariant one = Fp32();
        Tensor input = one.Input(2);
        float[] expected = RunOn(host, one, input);

        BenchmarkVariant placed = PlacedOnOddNodes(new ReferenceBackend(DeviceMemory));
        long h2d = TransferCounters.H2DCount, d2h = TransferCounters.D2HCount;
        float[] actual = RunOn(host, placed, input);

        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
        Assert.True(TransferCounters.H2DCount > h2d, "no operand was copied into the device storage");
        Assert.True(TransferCounters.D2HCount > d2h, "no result was copied back to the host");
    }

    [Fact]
    public void ReferenceOnADeviceStorageAndCpuOnTheHostAgreeWithTheCpuRun()
    {
        var cpu = new CpuBackend();
        BenchmarkVariant one = Fp32();
        Tensor input = one.Input(2);
        float[] expected = RunOn(cpu, one, input);
        float[] actual = RunOn(cpu, PlacedOnOddNodes(new ReferenceBackend(DeviceMemory)), input);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-5f);
    }

    [Fact]
    public void TheProfileOfAPlacedRunHasTheCopiesOnTheOpsThatCrossed()
    {
        var cpu = new CpuBackend();
        BenchmarkVariant placed = PlacedOnOddNodes(new ReferenceBackend(DeviceMemory));
        var settings = new MeasureSettings(5, 0.02, 1, TimeSpan.FromSeconds(30), 1);
        VariantMeasurement m;
        using (TensorContext.Enter(new TensorContext(cpu)))
        {
            m = new VariantMeasurer(settings, new NoEnergyMeter("test")).Measure(placed, placed.Input(1));
        }
        BenchmarkDescriptor lenet = GeneratedRegistry.For(typeof(LeNetMnist));
        var profileSettings = new ProfileSettings("PerTensor", 5, 0.02, 1, 30, 1, cpu.Threads, cpu.Name);
        Profile written = ProfileBuilder.Build(RunTarget.ForVariant(lenet, "fp32_11"), m, profileSettings,
            Runtime.Probing.EnvironmentProbe.Collect(cpu, "none", null), null, DateTimeOffset.UnixEpoch, 0.02);
        Profile profile = ProfileReader.Read(new System.IO.StringReader(ProfileWriter.ToText(written)), "placed.profile.jsonl");

        // Where a host node follows a device node, its first op reads a device tensor: a copy back (d2h); where a device
        // node follows a host node, its first op copies the host tensor in (h2d). Ops inside a node copy nothing.
        foreach (NodeDescriptor node in lenet.Nodes.Skip(1))
        {
            OpRecord first = profile.Ops.Where(o => o.Node == node.Id).OrderBy(o => o.Index).First();
            bool device = node.Id % 2 == 1;
            Assert.True((device ? first.H2d : first.D2h).Time > 0, $"node {node.Id} ({node.Name}): no {(device ? "h2d" : "d2h")} copy in the profile");
            Assert.All(profile.Ops.Where(o => o.Node == node.Id && o.Index != first.Index),
                o => Assert.True(o.H2d.Time == 0 && o.D2h.Time == 0, $"op {o.Index} copied inside its node"));
        }
    }
}
