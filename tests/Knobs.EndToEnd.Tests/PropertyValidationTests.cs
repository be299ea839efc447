using System.IO;
using Knobs.EndToEnd.Tests.Infrastructure;

namespace Knobs.EndToEnd.Tests;

/// <summary>Every Knobs property a user can get wrong fails fast with its KNB id, before anything is built or run.</summary>
[Collection(EndToEndCollection.Name)]
public class PropertyValidationTests
{
    private static readonly object Gate = new();
    private static string? s_folder;

    private readonly LocalFeed _feed;

    public PropertyValidationTests(LocalFeed feed) => _feed = feed;

    private string Restored()
    {
        lock (Gate)
        {
            if (s_folder is null)
            {
                string folder = _feed.NewFolder("validation");
                ProjectFiles.Write(folder, "validation.csproj", ProjectFiles.Project("Microsoft.NET.Sdk", _feed.Version, "", properties: ""));
                ProjectFiles.Write(folder, "Eps.cs", ProjectFiles.Template("Eps"));
                _feed.Run(folder, "restore").ShouldSucceed();
                s_folder = folder;
            }
            return s_folder;
        }
    }

    private CommandResult Fails(string target, params string[] properties)
    {
        var args = new System.Collections.Generic.List<string> { "msbuild", "-t:" + target };
        args.AddRange(properties);
        CommandResult result = _feed.Run(Restored(), args.ToArray());
        Assert.NotEqual(0, result.ExitCode);
        return result;
    }

    [Theory]
    [InlineData("-p:KnobsProfiling=PerOp", "KNB0401", "KnobsProfiling='PerOp' is not a profiling mode")]
    [InlineData("-p:KnobsIterations=ten", "KNB0402", "KnobsIterations='ten' is not a whole number")]
    [InlineData("-p:KnobsIterations=0", "KNB0402", "KnobsIterations='0' is not a whole number")]
    [InlineData("-p:KnobsTargetError=2", "KNB0403", "KnobsTargetError='2' is not a relative error")]
    [InlineData("-p:KnobsBatch=-1", "KNB0405", "KnobsBatch='-1' is not a batch size")]
    [InlineData("-p:KnobsThreads=many", "KNB0406", "KnobsThreads='many' is not a thread count")]
    [InlineData("-p:KnobsTimeout=soon", "KNB0407", "KnobsTimeout='soon' is not a time limit")]
    [InlineData("-p:KnobsForce=maybe", "KNB0409", "KnobsForce='maybe' must be true or false")]
    [InlineData("-p:KnobsIterations=99999999999", "KNB0402", "KnobsIterations='99999999999' is not a whole number of iterations from 1 to 100000")]
    [InlineData("-p:KnobsBatch=3000000000", "KNB0405", "KnobsBatch='3000000000' is not a batch size from 1 to 4096")]
    [InlineData("-p:KnobsThreads=65", "KNB0406", "KnobsThreads='65' is not a thread count from 1 to 64")]
    [InlineData("-p:KnobsTimeout=99999999999999999999999", "KNB0407", "KnobsTimeout='99999999999999999999999' is not a time limit from 1 to 86400 seconds")]
    public void BadProfileTablePropertyIsAKnbError(string property, string id, string message)
    {
        CommandResult result = Fails("ProfileTable", property);
        Assert.Contains($"error {id}: {message}", result.Output);
        Assert.DoesNotContain("Knobs: ", result.Output); // nothing ran
    }

    [Fact]
    public void IterationsAndTargetErrorTogetherIsAKnbError()
    {
        CommandResult result = Fails("ProfileTable", "-p:KnobsIterations=5", "-p:KnobsTargetError=0.02");
        Assert.Contains("error KNB0404: KnobsIterations and KnobsTargetError are both set", result.Output);
    }

    [Fact]
    public void SimulateWithoutConfigurationsIsAKnbError()
    {
        Assert.Contains("error KNB0410: Simulate needs a configuration file", Fails("Simulate").Output);
    }

    [Fact]
    public void SimulateWithAMissingConfigurationsFileIsAKnbError()
    {
        CommandResult result = Fails("Simulate", "-p:KnobsConfigurations=missing.txt");
        Assert.Contains("error KNB0410: KnobsConfigurations='missing.txt' does not exist", result.Output);
        Assert.Contains(Path.Combine(Restored(), "missing.txt"), result.Output);
    }

    [Fact]
    public void SimulateGpuOnCpuThatIsNoBooleanIsAKnbErrorBeforeAnythingRuns()
    {
        // Eps.cs exists, so the configuration-file check passes and the switch is checked next.
        CommandResult result = Fails("Simulate", "-p:KnobsConfigurations=Eps.cs", "-p:KnobsSimulateGpuOnCpu=maybe");
        Assert.Contains("error KNB0409: KnobsSimulateGpuOnCpu='maybe' must be true or false", result.Output);
        Assert.DoesNotContain("Knobs: ", result.Output);
    }

    [Fact]
    public void ValidatingTheSimulationOfAModelledAcceleratorIsAKnbErrorBeforeAnythingRuns()
    {
        // Eps.cs stands in for both files: the existence checks pass, and the combination is refused next.
        CommandResult result = Fails("Simulate", "-p:KnobsConfigurations=Eps.cs", "-p:KnobsAccelerator=Eps.cs", "-p:KnobsValidate=true");
        Assert.Contains("error KNB0434: KnobsValidate=true measures configurations on this machine's CPU, but KnobsAccelerator='Eps.cs'", result.Output);
        Assert.DoesNotContain("Knobs: ", result.Output);
    }

    [Fact]
    public void SimulateTablesThatAreNotAFolderIsAKnbErrorBeforeAnythingRuns()
    {
        CommandResult result = Fails("Simulate", "-p:KnobsConfigurations=Eps.cs", "-p:KnobsSimulateTables=no-such-folder");
        Assert.Contains("error KNB0435: KnobsSimulateTables='no-such-folder' is not a folder", result.Output);
        Assert.DoesNotContain("Knobs: ", result.Output);
    }

    [Fact]
    public void SimulateTablesFromAFolderWithoutTablesIsAKnbErrorAndNothingIsProfiled()
    {
        Directory.CreateDirectory(Path.Combine(Restored(), "empty-tables"));
        File.WriteAllText(Path.Combine(Restored(), "one.txt"), "1.0\n+++++\nconf1 1.0 NA 0 0\n1 cpu conv fp32 11\n-----\n");
        CommandResult result = Fails("Simulate", "-p:KnobsConfigurations=one.txt", "-p:KnobsSimulateTables=empty-tables");
        Assert.Contains("error KNB0435: KnobsSimulateTables='empty-tables' holds no lookup table", result.Output);
        Assert.DoesNotContain("profiled", result.Output);
    }

    [Fact]
    public void SimulateWithATypoInTheConfigurationFileFailsBeforeAnythingIsBuiltOrProfiled()
    {
        File.WriteAllText(Path.Combine(Restored(), "typo.txt"),
            "1.0\n+++++\nconf1 1.0 NA 0 0\n1 cpu conv fp32 11\n-----\n+++++\nconf2 1.5 NA 0 0\n1 cpu conv pref 121\n-----\n");
        CommandResult result = Fails("Simulate", "-p:KnobsConfigurations=typo.txt");
        Assert.Contains("typo.txt(8,12): error KNB0208", result.Output);
        // The check comes before the build and the profiling: no app was compiled and no variant was run.
        Assert.DoesNotContain("validation.dll", result.Output);
        Assert.DoesNotContain("variant(s) to profile", result.Output);
    }
}
