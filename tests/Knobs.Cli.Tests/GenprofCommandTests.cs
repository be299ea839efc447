using System.IO;
using Knobs.Testing;

namespace Knobs.Cli.Tests;

public class GenprofCommandTests
{
    [Fact]
    public void Genprof_writes_the_profiling_and_architecture_projects_of_the_sample_space()
    {
        using var temp = new TempFolder();
        string outDir = Path.Combine(temp.Path, "gp");
        ToolRun run = ToolRun.Of("genprof", RepoPaths.Combine("samples", "genprof", "cifar_space.yaml"), "-o", outDir, "--architectures", "3", "--knobs-version", "9.9.9");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("search space cifar: ", run.Output);
        Assert.Contains("91 distinct primitive(s) (1 stem, 88 block, 2 head)", run.Output);
        Assert.True(File.Exists(Path.Combine(outDir, "profiling", "CifarProfiling.csproj")));
        Assert.True(File.Exists(Path.Combine(outDir, "profiling", "CifarProfile01.cs")));
        Assert.Equal(3, Directory.GetFiles(Path.Combine(outDir, "architectures"), "CifarArch*.cs").Length);
        Assert.Contains("Version=\"9.9.9\"", File.ReadAllText(Path.Combine(outDir, "architectures", "CifarArchitectures.csproj")));
    }

    [Fact]
    public void A_wrong_space_is_exit_2_with_its_line_and_nothing_is_written()
    {
        using var temp = new TempFolder();
        string space = temp.Write("space.yaml", "name: cifar\ninput: { channels: 3, size: 32, classes: 10 }\nstem: { width: 16, kernel: 4, stride: 1 }\nstages: []\n");
        string outDir = Path.Combine(temp.Path, "gp");
        ToolRun run = ToolRun.Of("genprof", space, "-o", outDir);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("space.yaml(3,", run.Error);
        Assert.Contains("error KNB0605: stem.kernel is 4; kernels are odd", run.Error);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_version_that_is_not_one_is_refused_before_reading_the_space()
    {
        using var temp = new TempFolder();
        ToolRun run = ToolRun.Of("genprof", "missing.yaml", "-o", temp.Path, "--knobs-version", "1.0\" /><Import Project=\"x");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not a package version", run.Error);
    }
}
