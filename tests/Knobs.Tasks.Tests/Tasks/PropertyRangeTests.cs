using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Knobs.Tasks.Tests.Profiling;
using Knobs.Testing;

namespace Knobs.Tasks.Tests.Tasks;

/// <summary>
/// Every numeric property has a range, checked by the targets (KNB040x) and again by the tasks: a value the task cannot
/// use is a KNB error and false, never an exception (MSB4018) and never a variant run.
/// </summary>
public class PropertyRangeTests
{
    [Theory]
    [InlineData("Iterations", "99999999999", "KNB0402", "KnobsIterations='99999999999' is not a whole number of iterations from 1 to 100000")]
    [InlineData("Iterations", "100001", "KNB0402", "from 1 to 100000")]
    [InlineData("Iterations", "0", "KNB0402", "KnobsIterations='0'")]
    [InlineData("Batch", "3000000000", "KNB0405", "KnobsBatch='3000000000' is not a batch size from 1 to 4096")]
    [InlineData("Threads", "99999999999", "KNB0406", "KnobsThreads='99999999999' is not a thread count from 1 to 64")]
    [InlineData("Threads", "65", "KNB0406", "KnobsThreads='65' is not a thread count from 1 to 64")]
    [InlineData("TimeoutSeconds", "1e400", "KNB0407", "KnobsTimeout='1e400' is not a time limit from 1 to 86400 seconds")]
    [InlineData("TimeoutSeconds", "99999999999999999999999999999", "KNB0407", "from 1 to 86400 seconds")]
    [InlineData("TimeoutSeconds", "0.5", "KNB0407", "from 1 to 86400 seconds")]
    [InlineData("TargetError", "1.5", "KNB0403", "KnobsTargetError='1.5' is not a relative error strictly between 0 and 1")]
    public void ProfileVariantsRejectsAValueOutOfItsRangeWithTheKnbError(string parameter, string value, string code, string message)
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "perf_121" }));
        var engine = new RecordingBuildEngine();
        var task = new ProfileVariants { BuildEngine = engine, App = app.AppPath, ProfileDirectory = app.ProfileDirectory, TimeoutSeconds = "30" };
        typeof(ProfileVariants).GetProperty(parameter)!.SetValue(task, value);

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message);
        Assert.Empty(app.Runs);
    }

    [Theory]
    [InlineData("Iterations", "100000")]
    [InlineData("Threads", "64")]
    [InlineData("Batch", "4096")]
    [InlineData("TimeoutSeconds", "86400")]
    public void ProfileVariantsAcceptsTheEndOfEachRange(string parameter, string value)
    {
        using var app = new FakeApp(("A", new[] { "fp32_11" }));
        var engine = new RecordingBuildEngine();
        var task = new ProfileVariants { BuildEngine = engine, App = app.AppPath, ProfileDirectory = app.ProfileDirectory, Iterations = "2", TimeoutSeconds = "30" };
        typeof(ProfileVariants).GetProperty(parameter)!.SetValue(task, value);
        Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));
        Assert.Single(app.Runs);
    }

    [Fact]
    public void SimulateConfigurationsRejectsAValueOutOfItsRangeBeforeReadingAnything()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11" }));
        var engine = new RecordingBuildEngine();
        var task = new SimulateConfigurations
        {
            BuildEngine = engine, ConfigurationFile = Path.Combine(app.Directory, "missing.txt"), OutputDirectory = app.Directory,
            Validate = true, App = app.AppPath, ProfileDirectory = app.ProfileDirectory, Threads = "65",
        };
        Assert.False(task.Execute());
        Assert.Equal("KNB0406", Assert.Single(engine.Errors).Code);
        Assert.Empty(app.Runs);
    }

    [Fact]
    public void TheTargetsCheckTheSameRangesAsTheTasks()
    {
        string targets = File.ReadAllText(RepoPaths.Combine("src", "Knobs", "build", "Knobs.Validation.targets"));
        int Value(string name) => int.Parse(Regex.Match(targets, $"<{name}>([0-9]+)</{name}>").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TaskValues.MaxIterations, Value("_KnobsMaxIterations"));
        Assert.Equal(TaskValues.MaxBatch, Value("_KnobsMaxBatch"));
        Assert.Equal(TaskValues.MaxThreads, Value("_KnobsMaxThreads"));
        Assert.Equal(TaskValues.MinTimeoutSeconds, Value("_KnobsMinTimeout"));
        Assert.Equal(TaskValues.MaxTimeoutSeconds, Value("_KnobsMaxTimeout"));
    }

    [Theory]
    [InlineData("KnobsIterations=99999999999", "error KNB0402: KnobsIterations='99999999999' is not a whole number of iterations from 1 to 100000.")]
    [InlineData("KnobsBatch=3000000000", "error KNB0405: KnobsBatch='3000000000' is not a batch size from 1 to 4096.")]
    [InlineData("KnobsThreads=65", "error KNB0406: KnobsThreads='65' is not a thread count from 1 to 64.")]
    [InlineData("KnobsTimeout=1e400", "error KNB0407: KnobsTimeout='1e400' is not a time limit from 1 to 86400 seconds.")]
    [InlineData("KnobsTimeout=99999999999999999999999", "error KNB0407: KnobsTimeout='99999999999999999999999' is not a time limit")]
    [InlineData("KnobsThreads=many", "error KNB0406: KnobsThreads='many' is not a thread count")]
    [InlineData("KnobsThreads=64", null)]
    [InlineData("KnobsPairedProfiling=false", null)]
    [InlineData("KnobsPairedProfiling=sometimes", "error KNB0409: KnobsPairedProfiling='sometimes' must be true or false")]
    public void TheTargetsRejectAValueOutOfItsRange(string property, string? expected)
    {
        string folder = Path.Combine(Path.GetTempPath(), "knobs-tasks-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string project = Path.Combine(folder, "check.proj");
            File.WriteAllText(project, $"""
                <Project>
                  <PropertyGroup>
                    <KnobsProfiling>PerTensor</KnobsProfiling>
                    <KnobsForce>false</KnobsForce>
                    <KnobsPairedProfiling Condition="'$(KnobsPairedProfiling)' == ''">true</KnobsPairedProfiling>
                    <KnobsTimeout Condition="'$(KnobsTimeout)' == ''">600</KnobsTimeout>
                  </PropertyGroup>
                  <Import Project="{RepoPaths.Combine("src", "Knobs", "build", "Knobs.Validation.targets")}" />
                </Project>
                """);
            var result = Knobs.Tasks.Processes.ProcessRunner.Run("dotnet",
                new[] { "msbuild", project, "-nologo", "-nodeReuse:false", "-t:_KnobsValidateProfileProperties", "-p:" + property },
                folder, TimeSpan.FromMinutes(2));
            string output = result.StandardOutput + result.StandardError;
            if (expected is null)
            {
                Assert.True(result.ExitCode == 0, output);
            }
            else
            {
                Assert.NotEqual(0, result.ExitCode);
                Assert.Contains(expected, output);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
