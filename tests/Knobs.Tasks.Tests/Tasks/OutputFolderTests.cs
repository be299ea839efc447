using System;
using System.IO;
using System.Linq;
using Knobs.Tasks.Tests.Profiling;

namespace Knobs.Tasks.Tests.Tasks;

/// <summary>KnobsProfileDir and KnobsTableDir are checked to be writable before any variant runs (KNB0413).</summary>
public class OutputFolderTests
{
    private static (ProfileVariants Task, RecordingBuildEngine Engine) Create(FakeApp app, string profileDir, string? tableDir = null)
    {
        var engine = new RecordingBuildEngine();
        return (new ProfileVariants
        {
            BuildEngine = engine, App = app.AppPath, ProfileDirectory = profileDir, TableDirectory = tableDir,
            Iterations = "2", TimeoutSeconds = "30",
        }, engine);
    }

    [Fact]
    public void ProfileDirThatIsAFileIsKnb0413BeforeAnyVariantRuns()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "perf_121" }));
        string file = Path.Combine(app.Directory, "profiles-file");
        File.WriteAllText(file, "not a folder");
        var (task, engine) = Create(app, file);

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("KNB0413", error.Code);
        Assert.Contains($"KnobsProfileDir='{file}' cannot be written: it is a file, not a folder", error.Message);
        Assert.Contains("Point KnobsProfileDir at a folder you can write to", error.Message);
        Assert.DoesNotContain("   at ", error.Message);
        Assert.Empty(app.Runs);
    }

    [Fact]
    public void ProfileDirBelowAFileIsKnb0413()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11" }));
        string file = Path.Combine(app.Directory, "profiles-file");
        File.WriteAllText(file, "not a folder");
        var (task, engine) = Create(app, Path.Combine(file, "sub"));
        Assert.False(task.Execute());
        Assert.Equal("KNB0413", Assert.Single(engine.Errors).Code);
        Assert.Empty(app.Runs);
    }

    [Fact]
    public void TableDirThatCannotBeWrittenIsKnb0413BeforeProfiling()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11" }));
        string file = Path.Combine(app.Directory, "tables-file");
        File.WriteAllText(file, "");
        var (task, engine) = Create(app, app.ProfileDirectory, file);
        Assert.False(task.Execute());
        var error = Assert.Single(engine.Errors);
        Assert.Equal("KNB0413", error.Code);
        Assert.Contains("KnobsTableDir=", error.Message);
        Assert.Empty(app.Runs);
    }

    [Fact]
    public void ReadOnlyFoldersAreKnb0413()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11" }));
        // /proc refuses new folders even to root; a read-only folder only to other users.
        if (OperatingSystem.IsLinux())
        {
            var (procTask, procEngine) = Create(app, "/proc/knobs-tasks-tests/profiles");
            Assert.False(procTask.Execute());
            Assert.Equal("KNB0413", Assert.Single(procEngine.Errors).Code);
        }
        if (!OperatingSystem.IsWindows() && Environment.UserName != "root")
        {
            string readOnly = Path.Combine(app.Directory, "read-only");
            Directory.CreateDirectory(readOnly);
            File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            try
            {
                var (task, engine) = Create(app, app.ProfileDirectory, Path.Combine(readOnly, "tables"));
                Assert.False(task.Execute());
                Assert.Equal("KNB0413", Assert.Single(engine.Errors).Code);
                var (task2, engine2) = Create(app, readOnly);
                Assert.False(task2.Execute());
                Assert.Equal("KNB0413", Assert.Single(engine2.Errors).Code);
            }
            finally
            {
                File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        Assert.Empty(app.Runs);
    }

    [Fact]
    public void TheProbeLeavesNothingBehind()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11" }));
        string tables = Path.Combine(app.Directory, "tables");
        var (task, engine) = Create(app, app.ProfileDirectory, tables);
        Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));
        Assert.Empty(Directory.GetFiles(tables));
        Assert.DoesNotContain(Directory.GetFiles(app.ProfileDirectory, "*", SearchOption.AllDirectories), f => f.Contains("probe", StringComparison.Ordinal));
    }

    [Fact]
    public void SimulateChecksTheTableDirFirst()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11" }));
        string file = Path.Combine(app.Directory, "tables-file");
        File.WriteAllText(file, "");
        var engine = new RecordingBuildEngine();
        var task = new SimulateConfigurations { BuildEngine = engine, ConfigurationFile = Path.Combine(app.Directory, "c.txt"), OutputDirectory = file };
        Assert.False(task.Execute());
        Assert.Equal("KNB0413", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void WriteLookupTablesChecksTheTableDirBeforeReadingProfiles()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11" }));
        string file = Path.Combine(app.Directory, "tables-file");
        File.WriteAllText(file, "");
        var engine = new RecordingBuildEngine();
        var task = new WriteLookupTables { BuildEngine = engine, TableDirectory = file, Profiles = Array.Empty<Microsoft.Build.Framework.ITaskItem>() };
        Assert.False(task.Execute());
        Assert.Equal("KNB0413", Assert.Single(engine.Errors).Code);
    }
}
