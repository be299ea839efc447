using System;
using System.IO;
using System.Linq;
using Knobs.Tasks.Launching;
using Knobs.Tasks.Tests.Launching;
using Knobs.Tasks.Tests.Profiling;
using Knobs.Tasks.Tests.Tasks;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Knobs.Tasks.Tests.Simulation;

/// <summary>A configuration file with an error fails Simulate before anything is profiled or run.</summary>
public sealed class EarlyCheckTests : IDisposable
{
    private const string Valid = "1.0\n+++++\nconf1 1.0 NA 0 0\n1 cpu conv fp32 11\n-----\n+++++\nconf2 1.5 NA 0 0\n1 cpu conv perf 121\n-----\n";
    private const string Typo = "1.0\n+++++\nconf1 1.0 NA 0 0\n1 cpu conv fp32 11\n-----\n+++++\nconf2 1.5 NA 0 0\n1 cpu conv pref 121\n-----\n";

    private const string DilateTable = """
        types:
          - name: dilate
            from: Convolution
            to: MyOps.DilatedConvolution
            parameters: [rate, offset]
            arguments: "{rate}, {offset}, 0.5"
            precision: fp32
            applies_to: [conv]
        knobs:
          - type: fp32
            id: 11
            speedup: 1.0
          - type: dilate
            id: 501
            parameters: [2, 0]
            speedup: 1.7
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "knobs-tasks-tests", Guid.NewGuid().ToString("N"));

    public EarlyCheckTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private (bool Ok, RecordingBuildEngine Engine) Check(string file, bool validate = false, params string[] knobTables)
    {
        var engine = new RecordingBuildEngine();
        var task = new CheckConfigurationFiles
        {
            BuildEngine = engine, ConfigurationFiles = new ITaskItem[] { new TaskItem(file) }, Validate = validate,
            KnobTables = knobTables.Select(t => (ITaskItem)new TaskItem(t)).ToArray(),
        };
        return (task.Execute(), engine);
    }

    [Fact]
    public void ATypoIsReportedAtItsLineAndColumn()
    {
        string file = Write("confs.txt", Typo);
        var (ok, engine) = Check(file);

        Assert.False(ok);
        BuildErrorEventArgs error = Assert.Single(engine.Errors);
        Assert.Equal("KNB0208", error.Code);
        Assert.Equal(file, error.File);
        Assert.Equal(8, error.LineNumber);
        Assert.Equal(12, error.ColumnNumber);
        Assert.Contains("unknown approx 'pref'", error.Message);
    }

    [Fact]
    public void AValidFileLogsNothing()
    {
        var (ok, engine) = Check(Write("confs.txt", Valid), validate: true);
        Assert.True(ok);
        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
    }

    [Fact]
    public void ConfigurationsWithDifferentNodesAreAnError()
    {
        var (ok, engine) = Check(Write("confs.txt", Valid.Replace("1 cpu conv perf 121\n", "1 cpu conv perf 121 add fp32 11\n")));
        Assert.False(ok);
        Assert.NotEmpty(engine.Errors);
        Assert.All(engine.Errors, e => Assert.StartsWith("KNB02", e.Code));
    }

    [Fact]
    public void AKnobTypeOfTheProjectsKnobTableIsAnApproxName()
    {
        string file = Write("confs.txt", Valid.Replace("perf 121", "dilate 501"));
        Assert.Equal("KNB0208", Assert.Single(Check(file).Engine.Errors).Code);

        var (ok, engine) = Check(file, validate: false, Write("knobs.yaml", DilateTable));
        Assert.True(ok, string.Join("\n", engine.Errors.Select(e => e.Message)));
    }

    [Fact]
    public void WithAnUnreadableKnobTableAnUnknownApproxIsLeftToSimulate()
    {
        string table = Path.Combine(_folder, "missing.yaml");
        Assert.True(Check(Write("confs.txt", Typo), validate: false, table).Ok);
        Assert.Equal("KNB0209", Assert.Single(Check(Write("bad.txt", Typo.Replace("1 cpu conv pref", "2 cpu conv pref")), validate: false, table).Engine.Errors).Code);
    }

    [Fact]
    public void ADuplicateNameIsAnError()
    {
        var (ok, engine) = Check(Write("confs.txt", Valid.Replace("conf2", "conf1")), validate: true);
        Assert.False(ok);
        Assert.Equal("KNB0220", Assert.Single(engine.Errors).Code);
    }

    // A lookup table from two profiled variants, profiled through the recording launcher.
    private string Table(FakeApp app)
    {
        var launcher = new RecordingLauncher();
        var profile = new ProfileVariants
        {
            BuildEngine = new RecordingBuildEngine(), App = app.AppPath, ProfileDirectory = app.ProfileDirectory, Iterations = "5", RunLauncher = launcher,
        };
        Assert.True(profile.Execute());
        var engine = new RecordingBuildEngine();
        var tables = new WriteLookupTables { BuildEngine = engine, Profiles = profile.Profiles, TableDirectory = Path.Combine(_folder, "tables") };
        Assert.True(tables.Execute(), string.Join("\n", engine.Errors.Select(e => e.Code + " " + e.Message)));
        return Assert.Single(tables.TableFiles, t => t.ItemSpec.EndsWith(".json", StringComparison.Ordinal)).ItemSpec;
    }

    private (SimulateConfigurations Task, RecordingBuildEngine Engine, RecordingLauncher Launcher) Simulate(FakeApp app, string table, string confs)
    {
        var engine = new RecordingBuildEngine();
        var launcher = new RecordingLauncher();
        var task = new SimulateConfigurations
        {
            BuildEngine = engine, ConfigurationFile = confs, Tables = new ITaskItem[] { new TaskItem(table) }, OutputDirectory = Path.Combine(_folder, "tables"),
            Validate = true, App = app.AppPath, ProfileDirectory = app.ProfileDirectory, Iterations = "5", RunLauncher = launcher,
        };
        return (task, engine, launcher);
    }

    [Fact]
    public void SimulateWithATypoLaunchesNothing()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "perf_121" }));
        string table = Table(app);
        var (task, engine, launcher) = Simulate(app, table, Write("confs.txt", Typo));

        Assert.False(task.Execute());
        Assert.Empty(launcher.Plans);
        BuildErrorEventArgs error = Assert.Single(engine.Errors);
        Assert.Equal("KNB0208", error.Code);
        Assert.Equal(8, error.LineNumber);
        Assert.False(File.Exists(Path.Combine(_folder, "tables", "confs.simulated.txt")));
    }

    [Fact]
    public void SimulateWithADuplicateNameLaunchesNothingAndWritesNothing()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "perf_121" }));
        var (task, engine, launcher) = Simulate(app, Table(app), Write("confs.txt", Valid.Replace("conf2", "conf1")));

        Assert.False(task.Execute());
        Assert.Empty(launcher.Plans);
        Assert.Equal("KNB0220", Assert.Single(engine.Errors).Code);
        Assert.False(File.Exists(Path.Combine(_folder, "tables", "confs.simulated.txt")));
    }

    [Fact]
    public void SimulateValidatesThroughTheLauncherEachConfigurationPairedWithTheBaseline()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "perf_121" }));
        var (task, engine, launcher) = Simulate(app, Table(app), Write("confs.txt", Valid));

        task.Execute();

        Assert.Empty(engine.Errors.Select(e => e.Code + " " + e.Message));
        // No baseline runs of their own: each configuration's run measures the baseline interleaved with it.
        Assert.Equal(new[] { "conf1 (configuration 1)", "conf2 (configuration 2)" }, launcher.Plans.Select(p => p.Label));
        Assert.All(launcher.Plans, p => Assert.Equal(new[] { "--paired", "fp32_11" }, p.Arguments.SkipWhile(a => a != "--paired").Take(2)));
        Assert.All(launcher.Plans, p => Assert.StartsWith(Path.Combine(app.ProfileDirectory, "validation"), p.OutputFolder, StringComparison.Ordinal));
        Assert.Empty(app.Runs);
    }
}
