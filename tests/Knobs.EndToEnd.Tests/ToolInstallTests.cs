using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.EndToEnd.Tests.Infrastructure;
using Knobs.Testing;

namespace Knobs.EndToEnd.Tests;

/// <summary>
/// The knobs .NET tool as a user gets it: installed from the packed Knobs.Tool package into a private tool path, then
/// run as its own executable.
/// </summary>
[Collection(EndToEndCollection.Name)]
public class ToolInstallTests
{
    private static readonly string[] Reports = { "COMPUTE_REPORT.csv", "BANDWIDTH_REPORT.csv", "DETAILED_ACCESS_REPORT.csv" };

    private readonly LocalFeed _feed;

    public ToolInstallTests(LocalFeed feed) => _feed = feed;

    [Fact]
    public void InstalledToolWritesSCALESimsReportsByteForByte()
    {
        string folder = _feed.NewFolder("tool");
        string toolPath = Path.Combine(folder, "tools");
        // The folder's nuget.config (LocalFeed) maps Knobs.* to the local feed; --add-source cannot be combined with that
        // package source mapping, so the feed comes from the config.
        _feed.Run(folder, "tool", "install", "Knobs.Tool", "--version", _feed.Version, "--tool-path", toolPath).ShouldSucceed();
        string knobs = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "knobs.exe" : "knobs");
        Assert.True(File.Exists(knobs), $"no {knobs} after dotnet tool install");

        string anchors = Path.Combine(RepoPaths.Anchors, "scalesim", "reports");
        string results = Path.Combine(folder, "results");
        CommandResult run = Tool(folder, knobs, "scalesim", "-c", Path.Combine(anchors, "arr32_ws.cfg"), "-t", Path.Combine(anchors, "lenet_mnist.csv"), "-p", results);

        Assert.True(run.ExitCode == 0, $"{run.Command} exited with {run.ExitCode}:\n{run.Tail()}");
        Assert.Contains("arr32_ws: 32x32 weight stationary, 4 layer(s) of lenet_mnist.csv", run.Output);
        foreach (string report in Reports)
        {
            string written = Path.Combine(results, "arr32_ws", report);
            Assert.True(File.Exists(written), $"{report} was not written:\n{run.Output}");
            Assert.True(File.ReadAllBytes(Path.Combine(anchors, "arr32_ws__lenet_mnist", report)).AsSpan().SequenceEqual(File.ReadAllBytes(written)),
                $"{report} differs from SCALE-Sim's");
        }

        // The installed executable reports a wrong input with its exit code, as the in-process command does.
        CommandResult bad = Tool(folder, knobs, "scalesim", "-c", Path.Combine(folder, "missing.cfg"), "-t", Path.Combine(anchors, "lenet_mnist.csv"), "-p", results);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("error KNB0506:", bad.Output);

        // Fitting (ML.NET inside the installed tool) and predicting from the written file.
        string tables = RepoPaths.Combine("tests", "data", "prediction");
        string predictor = Path.Combine(folder, "cpu.predictor.json");
        CommandResult fit = Tool(folder, knobs, "fit", tables, "-o", predictor, "--trees", "5");
        Assert.True(fit.ExitCode == 0, $"{fit.Command} exited with {fit.ExitCode}:\n{fit.Tail()}");
        Assert.Contains("fitted a boosted predictor for cpu", fit.Output);
        CommandResult predict = Tool(folder, knobs, "predict", "-p", predictor, Path.Combine(tables, "LeNetMnist.table.json"));
        Assert.True(predict.ExitCode == 0, $"{predict.Command} exited with {predict.ExitCode}:\n{predict.Tail()}");
        Assert.Contains("whole runs: 6 measured", predict.Output);

        // genprof: the generated profiling project builds against the packed Knobs package and lists its networks.
        string space = Path.Combine(folder, "space.yaml");
        File.WriteAllText(space, "name: tiny\ninput: { channels: 3, size: 16, classes: 10 }\nstem: { width: 8, kernel: 3, stride: 1 }\n" +
            "stages:\n  - { depth: [1, 2], width: [8], kernel: [3], stride: 2, expansion: [1, 2], activation: [relu] }\nprimitives_per_network: 3\n");
        CommandResult gen = Tool(folder, knobs, "genprof", space, "-o", Path.Combine(folder, "gp"), "--architectures", "2", "--knobs-version", _feed.Version);
        Assert.True(gen.ExitCode == 0, $"{gen.Command} exited with {gen.ExitCode}:\n{gen.Tail()}");
        string profiling = Path.Combine(folder, "gp", "profiling");
        _feed.Run(profiling, "build", "-c", "Release").ShouldSucceed();
        CommandResult list = _feed.Run(profiling, "run", "-c", "Release", "--no-build", "--", "list");
        list.ShouldSucceed();
        Assert.Contains("TinyProfile01", list.Output);

        // FitPredictor: a project's tables, fitted through the installed tool; without the tool, KNB0436 says what to install.
        string project = Path.Combine(folder, "fit");
        Directory.CreateDirectory(project);
        ProjectFiles.Write(project, "fit.csproj", ProjectFiles.Project("Microsoft.NET.Sdk", _feed.Version, "<KnobTable Include=\"knobs.yaml\" />"));
        ProjectFiles.Write(project, "knobs.yaml", ProjectFiles.KnobTable);
        ProjectFiles.Write(project, "Alpha.cs", ProjectFiles.Template("Alpha"));
        _feed.Run(project, "build").ShouldSucceed();
        CommandResult fitted = _feed.Run(project, "msbuild", "-t:FitPredictor", "-p:KnobsToolCommand=" + knobs).ShouldSucceed();
        Assert.Contains("fitted a boosted predictor", fitted.Output);
        Assert.True(File.Exists(Path.Combine(project, "bin", "Debug", "net10.0", "knobs", "cpu.predictor.json")), fitted.Output);
        CommandResult missingTool = _feed.Run(project, "msbuild", "-t:FitPredictor", "-p:KnobsToolCommand=knobs-tool-that-is-not-installed");
        Assert.NotEqual(0, missingTool.ExitCode);
        Assert.Contains("error KNB0436: FitPredictor runs the knobs tool ('knobs-tool-that-is-not-installed'), which was not found", missingTool.Output);
    }

    // The tool's apphost, run without the test host's MSBuild variables, through the dotnet host that runs the tests.
    private CommandResult Tool(string folder, string knobs, params string[] args)
    {
        var environment = new Dictionary<string, string>(_feed.Environment);
        if (Path.GetDirectoryName(Dotnet.Host) is { Length: > 0 } root)
        {
            environment["DOTNET_ROOT"] = root;
        }
        var start = new System.Diagnostics.ProcessStartInfo(knobs) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        foreach (var pair in environment) start.Environment[pair.Key] = pair.Value;
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit((int)TimeSpan.FromMinutes(2).TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            return new CommandResult(knobs + " " + string.Join(" ", args), -1, "timed out\n" + stdout.Result + stderr.Result);
        }
        return new CommandResult(knobs + " " + string.Join(" ", args), process.ExitCode, stdout.Result + stderr.Result);
    }
}
