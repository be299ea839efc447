using System.IO;
using System.Linq;
using Knobs.Profiles;

namespace Knobs.Runtime.Tests;

/// <summary>
/// <c>run --accelerator</c>: every variant runs once on the CPU for its features and QoS, and its profile is the modelled
/// accelerator's (device accel:&lt;name&gt;, provenance modelled, cycles in each op); a description with mistakes is every
/// mistake at its line, exit 2, before anything runs.
/// </summary>
public class AcceleratorRunTests
{
    private const string Systolic = """
        name: tiny_ws
        clock_mhz: 500
        systolic: { rows: 8, columns: 8, dataflow: ws }
        scratchpads_kib: { ifmap: 8, filter: 8, ofmap: 8 }
        dram_bytes_per_cycle: 8
        """;

    private static string Description(TempDir dir, string text)
    {
        string path = Path.Combine(dir.Path, "accel.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Each_variant_gets_a_modelled_profile_of_the_accelerator_with_the_measured_qos()
    {
        using var dir = new TempDir();
        string yaml = Description(dir, Systolic);
        string outDir = Path.Combine(dir.Path, "profiles");

        RunOutcome r = RunOutcome.Of(new TestRegistry(), "run", "--variant", "fp32_11,perf_121", "--out", outDir, "--batch", "2", "--accelerator", yaml);

        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("modelled accelerator accel:tiny_ws", r.Output);
        Profile fp32 = ProfileReader.Read(Path.Combine(outDir, "TinyNet.fp32_11.profile.jsonl"));
        Profile perf = ProfileReader.Read(Path.Combine(outDir, "TinyNet.perf_121.profile.jsonl"));
        Assert.Equal("accel:tiny_ws", fp32.Header.Device.Kind);
        Assert.Equal("8x8", fp32.Header.Device.Property("array"));
        Assert.All(fp32.Ops, o => Assert.Equal(Provenance.Modelled, o.Provenance));
        Assert.All(fp32.Ops, o => Assert.Equal(o.Modelled!.Cycles * 1000.0 / 500e6, o.Time.Mean, 12));
        OpRecord conv = fp32.Ops.Single(o => o.Kind == "conv"), perforated = perf.Ops.Single(o => o.Kind == "conv");
        Assert.Equal("systolic", conv.Modelled!.Engine);
        Assert.Equal(conv.Features!.EffectiveFlops, 2 * conv.Modelled.Macs);
        Assert.Equal(perforated.Features!.EffectiveFlops, 2 * perforated.Modelled!.Macs);
        Assert.True(perforated.Modelled.Cycles < conv.Modelled.Cycles);
        Assert.Equal(1, fp32.Summary.Iterations);
        Assert.Equal(fp32.Ops.Sum(o => o.Time.Mean), fp32.Summary.Time.Mean, 12);
        Assert.NotNull(perf.Qos);
        Assert.True(perf.Qos!.RelL2 > 0);
    }

    [Fact]
    public void The_same_run_writes_the_same_profile_bytes_but_the_start_time()
    {
        using var dir = new TempDir();
        string yaml = Description(dir, Systolic);
        string Run(string name)
        {
            string outDir = Path.Combine(dir.Path, name);
            RunOutcome r = RunOutcome.Of(new TestRegistry(), "run", "--variant", "perf_121", "--out", outDir, "--accelerator", yaml);
            Assert.True(r.ExitCode == 0, r.Error);
            string text = File.ReadAllText(Path.Combine(outDir, "TinyNet.perf_121.profile.jsonl"));
            return System.Text.RegularExpressions.Regex.Replace(text, "\"startedUtc\":\"[^\"]*\"", "");
        }
        Assert.Equal(Run("a"), Run("b"));
    }

    [Fact]
    public void A_description_with_mistakes_is_every_mistake_at_its_line_and_nothing_runs()
    {
        using var dir = new TempDir();
        string yaml = Description(dir, Systolic.Replace("dataflow: ws", "dataflow: wx").Replace("clock_mhz: 500", "clock_mhz: fast"));
        string outDir = Path.Combine(dir.Path, "profiles");

        RunOutcome r = RunOutcome.Of(new TestRegistry(), "run", "--out", outDir, "--accelerator", yaml);

        Assert.Equal(2, r.ExitCode);
        string[] lines = r.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"accel\.yaml\(2,12\): error KNB0503: clock_mhz must be a number", lines[0]);
        Assert.Matches(@"accel\.yaml\(3,\d+\): error KNB0503: dataflow 'wx' is none of os", lines[1]);
        Assert.False(Directory.Exists(outDir) && Directory.GetFiles(outDir, "*.profile.jsonl").Length > 0);
    }

    [Theory]
    [InlineData("--paired", "fp32_11", "--paired")]
    [InlineData("--target-error", "0.05", "--target-error")]
    [InlineData("--meter", "rapl", "--meter")]
    public void Options_that_make_no_sense_for_a_model_are_refused(string option, string value, string named)
    {
        using var dir = new TempDir();
        string yaml = Description(dir, Systolic);
        RunOutcome r = RunOutcome.Of(new TestRegistry(), "run", "--accelerator", yaml, option, value, "--out", dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("KNB0301", r.Error);
        Assert.Contains(named, r.Error);
    }

    [Fact]
    public void A_missing_description_is_KNB0501()
    {
        using var dir = new TempDir();
        RunOutcome r = RunOutcome.Of(new TestRegistry(), "run", "--accelerator", Path.Combine(dir.Path, "none.yaml"), "--out", dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("error KNB0501", r.Error);
        Assert.Contains("does not exist", r.Error);
    }
}
