using System.IO;
using Knobs.Testing;

namespace Knobs.Cli.Tests;

/// <summary>
/// <c>knobs validate</c>: configurations measured on another machine (a GPU one, profiles in tests/data/gpu) against the
/// predictions of the table <c>knobs table</c> makes of that machine's variant profiles.
/// </summary>
public sealed class ValidateCommandTests
{
    private static string Data => RepoPaths.Combine("tests", "data", "gpu", "alexnet_cifar10");

    private static string GpuTables(TempFolder tmp)
    {
        string tables = Path.Combine(tmp.Path, "tables");
        ToolRun made = ToolRun.Of("table", Path.Combine(Data, "variants"), "-o", tables);
        Assert.True(made.ExitCode == 0, made.ToString());
        Assert.True(File.Exists(Path.Combine(tables, "AlexNetCifar10.gpu.table.json")), made.ToString());
        return tables;
    }

    [Fact]
    public void GpuMeasuredConfigurationsAreComparedWithThePredictionsOfTheGpuTable()
    {
        using var tmp = new TempFolder();
        ToolRun run = ToolRun.Of("validate", "--tables", GpuTables(tmp), "-c", Path.Combine(Data, "tuner_confs.txt"), "-m", Path.Combine(Data, "configurations"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("AlexNetCifar10 on gpu", run.Output);
        Assert.Contains("conf1: predicted 1.000x", run.Output);
        Assert.Contains("conf2: predicted", run.Output);
        Assert.Contains("prediction error over 2 configuration(s)", run.Output);
        Assert.Contains("baseline: paired", run.Output);
    }

    [Fact]
    public void AConfigurationMeasuredInAnotherEnvironmentIsRefused()
    {
        using var tmp = new TempFolder();
        string measured = Path.Combine(tmp.Path, "measured");
        Directory.CreateDirectory(measured);
        string source = Path.Combine(Data, "configurations", "AlexNetCifar10.config-tuner_confs-conf2.profile.jsonl");
        File.WriteAllText(Path.Combine(measured, Path.GetFileName(source)), File.ReadAllText(source).Replace("\"meter\":\"none\"", "\"meter\":\"rapl\""));
        ToolRun run = ToolRun.Of("validate", "--tables", GpuTables(tmp), "-c", Path.Combine(Data, "tuner_confs.txt"), "-m", measured);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("KNB0270", run.Error);
        Assert.Contains("different environment", run.Error);
    }

    [Fact]
    public void AMalformedMeasuredProfileIsAnErrorNamingItsFileAndLine()
    {
        using var tmp = new TempFolder();
        string measured = Path.Combine(tmp.Path, "measured");
        Directory.CreateDirectory(measured);
        File.WriteAllText(Path.Combine(measured, "AlexNetCifar10.config-tuner_confs-conf1.profile.jsonl"), "not json\n");
        ToolRun run = ToolRun.Of("validate", "--tables", GpuTables(tmp), "-c", Path.Combine(Data, "tuner_confs.txt"), "-m", measured);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("AlexNetCifar10.config-tuner_confs-conf1.profile.jsonl(1", run.Error);
        Assert.Contains("error KNB0234", run.Error);
    }

    [Fact]
    public void MissingInputsAreUsageErrorsNamingWhatToGive()
    {
        using var tmp = new TempFolder();
        ToolRun noTables = ToolRun.Of("validate", "--tables", tmp.Path, "-c", Path.Combine(Data, "tuner_confs.txt"), "-m", Path.Combine(Data, "configurations"));
        Assert.Equal(2, noTables.ExitCode);
        Assert.Contains("knobs table", noTables.Error);
        ToolRun noFile = ToolRun.Of("validate", "--tables", GpuTables(tmp), "-c", Path.Combine(tmp.Path, "none.txt"), "-m", Path.Combine(Data, "configurations"));
        Assert.Equal(2, noFile.ExitCode);
        Assert.Contains("does not exist", noFile.Error);
    }
}
