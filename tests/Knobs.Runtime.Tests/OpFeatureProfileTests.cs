using System.IO;
using System.Linq;
using Knobs.Profiles;

namespace Knobs.Runtime.Tests;

/// <summary>A run writes a version-2 profile: the CPU device it ran on, and each op's features as the op recorded them.</summary>
public class OpFeatureProfileTests
{
    private static Profile RunOne(TempDir dir, string variant)
    {
        RunOutcome r = RunOutcome.Of(new TestRegistry(), "run", "--variant", variant, "--out", dir.Path, "--iterations", "3", "--warmup", "1",
            "--meter", "none", "--batch", "2", "--threads", "1");
        Assert.True(r.ExitCode == 0, r.Error);
        return ProfileReader.Read(Assert.Single(Directory.GetFiles(dir.Path, "*.profile.jsonl")));
    }

    [Fact]
    public void TheHeaderNamesTheCpuDeviceWithItsProperties()
    {
        using var dir = new TempDir();
        ProfileHeader h = RunOne(dir, "fp32_11").Header;

        Assert.Equal(ProfileHeader.CurrentVersion, h.Version);
        Assert.Equal(ProfileDevice.Cpu, h.Device.Kind);
        Assert.Equal(h.Environment.CpuModel, h.Device.Name);
        foreach (string key in new[] { "cores", "threads", "backend", "simdBits", "governor", "l1d", "l1i", "l2", "l3" })
        {
            Assert.False(string.IsNullOrEmpty(h.Device.Property(key)), key);
        }
        Assert.Equal("1", h.Device.Property("threads"));
    }

    [Fact]
    public void EveryOpRecordCarriesTheFeaturesItsOpComputed()
    {
        using var dir = new TempDir();
        Profile p = RunOne(dir, "perf_121");

        Assert.All(p.Ops, o => Assert.NotNull(o.Features));
        Assert.All(p.Ops, o => Assert.Equal(Provenance.Measured, o.Provenance));
        OpFeatureRecord conv = p.Ops.Single(o => o.Kind == "conv").Features!;
        // x [2, 3, 8, 8] * w [4, 3, 3, 3], pad 1, stride 1: 2·2·4·8·8·27 nominal; row perforation 2 keeps rows 1, 3, 5, 7.
        Assert.Equal(new[] { 2, 3, 8, 8 }, conv.Inputs[0]);
        Assert.Equal(new[] { 4, 3, 3, 3 }, conv.Inputs[1]);
        Assert.Equal(new[] { 2, 4, 8, 8 }, conv.Output);
        Assert.Equal(new[] { 2, 1, 1, 0 }, conv.Approximation);
        Assert.Equal(2L * 2 * 4 * 8 * 8 * 27, conv.NominalFlops);
        Assert.Equal(2L * 2 * 4 * 4 * 8 * 27, conv.EffectiveFlops);
        Assert.Equal(4L * (2 * 3 * 8 * 8 + 4 * 27), conv.BytesRead);
        Assert.Equal(2, conv.Batch);
        Assert.Equal(1, conv.Threads);
        OpFeatureRecord gemm = p.Ops.Single(o => o.Kind == "mul").Features!;
        Assert.Equal(2L * 2 * 256 * 10, gemm.NominalFlops);
        Assert.Null(gemm.Approximation);
    }
}
