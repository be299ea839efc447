using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Tasks.Launching;
using Knobs.Tasks.Profiling;

namespace Knobs.Tasks.Tests.Launching;

public class RunPlanTests
{
    private static readonly RunSettings Settings = new("PerTensor", 5, null, 2, null);

    [Fact]
    public void VariantPlanRunsTheVariantIntoItsFolderWithTheSettings()
    {
        RunPlan plan = RunPlans.Variant("/apps/bench.dll", "Mini", "perf_121", "/p/.runs/Mini/perf_121", Settings, TimeSpan.FromSeconds(90));

        Assert.Equal("Mini/perf_121", plan.Label);
        Assert.Equal("/apps/bench.dll", plan.App);
        Assert.Equal(new[] { "run", "--benchmark", "Mini", "--variant", "perf_121", "--out", "/p/.runs/Mini/perf_121",
            "--iterations", "5", "--batch", "2", "--quiet" }, plan.Arguments);
        Assert.Equal("/p/.runs/Mini/perf_121", plan.OutputFolder);
        Assert.Equal(TimeSpan.FromSeconds(90), plan.Timeout);
        Assert.Equal("/apps", plan.WorkingDirectory);
        Assert.Empty(plan.Environment);
    }

    [Fact]
    public void APairedVariantPlanInterleavesTheVariantWithItsBaseline()
    {
        RunPlan plan = RunPlans.Variant("/apps/bench.dll", "Mini", "perf_121", "/p/.runs/Mini/perf_121", Settings, TimeSpan.FromSeconds(90), "fp32_11");

        Assert.Equal(new[] { "run", "--benchmark", "Mini", "--variant", "perf_121", "--paired", "fp32_11", "--out", "/p/.runs/Mini/perf_121",
            "--iterations", "5", "--batch", "2", "--quiet" }, plan.Arguments);
    }

    [Fact]
    public void ConfigurationPlanNamesTheFileAndTheIndex()
    {
        RunPlan plan = RunPlans.Configuration("/apps/bench.dll", "Mini", "/c/confs.txt", 3, "conf 3", "/p/validation/confs/3", Settings, TimeSpan.FromSeconds(30));

        Assert.Equal("conf 3 (configuration 3)", plan.Label);
        Assert.Equal(new[] { "run", "--benchmark", "Mini", "--config", "/c/confs.txt", "--index", "3", "--out", "/p/validation/confs/3",
            "--iterations", "5", "--batch", "2", "--quiet" }, plan.Arguments);
        Assert.Equal("/p/validation/confs/3", plan.OutputFolder);
    }

    [Fact]
    public void APlanKeepsItsOwnCopyOfTheArgumentsAndEnvironment()
    {
        var args = new List<string> { "run" };
        var env = new Dictionary<string, string> { ["B"] = "2", ["A"] = "1" };
        var plan = new RunPlan("x", "/apps/app", args, "/out", TimeSpan.FromSeconds(1), env);
        args.Add("--later");
        env["C"] = "3";

        Assert.Equal(new[] { "run" }, plan.Arguments);
        Assert.Equal(new[] { "A", "B" }, plan.Environment.Keys);
    }

    [Fact]
    public void ShellCommandIsTheWholeRunWithEveryWordQuoted()
    {
        var plan = new RunPlan("x", "/apps/my app.dll", new[] { "run", "--out", "/p/it's here" }, "/p/it's here", TimeSpan.FromSeconds(1),
            new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" });

        Assert.Equal(new[] { "/usr/bin/dotnet", "/apps/my app.dll", "run", "--out", "/p/it's here" }, plan.CommandLine("/usr/bin/dotnet"));
        Assert.Equal("cd '/apps' && env 'DOTNET_gcServer=0' '/usr/bin/dotnet' '/apps/my app.dll' 'run' '--out' '/p/it'\\''s here'",
            plan.ShellCommand("/usr/bin/dotnet"));
    }

    [Fact]
    public void AnExecutableAppIsItsOwnProgram()
    {
        var plan = new RunPlan("x", "/apps/bench", new[] { "run" }, "/out", TimeSpan.FromSeconds(1));
        Assert.Equal(new[] { "/apps/bench", "run" }, plan.CommandLine());
        Assert.Equal("cd '/apps' && '/apps/bench' 'run'", plan.ShellCommand());
    }

    [Fact]
    public void RunOutputsAreTheProfilesInsideTheFolder()
    {
        string root = Path.Combine(Path.GetTempPath(), "knobs-tasks-tests", Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "sub"));
            File.WriteAllText(Path.Combine(root, "sub", "b.profile.jsonl"), "");
            File.WriteAllText(Path.Combine(root, "a.profile.jsonl"), "");
            File.WriteAllText(Path.Combine(root, "notes.txt"), "");
            Assert.Equal(new[] { Path.Combine(root, "a.profile.jsonl"), Path.Combine(root, "sub", "b.profile.jsonl") }, RunOutputs.ProfilesIn(root));
            Assert.Empty(RunOutputs.ProfilesIn(Path.Combine(root, "missing")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
