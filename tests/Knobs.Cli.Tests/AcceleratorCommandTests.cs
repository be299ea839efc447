using System;
using System.IO;
using Knobs.Testing;

namespace Knobs.Cli.Tests;

/// <summary><c>knobs accelerator</c> and the tool's top level.</summary>
public class AcceleratorCommandTests
{
    [Fact]
    public void ValidDescriptionPrintsItsDeviceKindAndValues()
    {
        ToolRun run = ToolRun.Of("accelerator", RepoPaths.Combine("samples", "accelerators", "smv.yaml"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Error);
        Assert.StartsWith("accel:smv: smv.yaml is a valid accelerator description", run.Output, StringComparison.Ordinal);
        Assert.Contains("\n  ", run.Output);
    }

    [Fact]
    public void SystolicSampleDescriptionIsValid()
    {
        ToolRun run = ToolRun.Of("accelerator", RepoPaths.Combine("samples", "accelerators", "arr32_ws.yaml"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("accel:arr32_ws: ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void BadValueInADescriptionIsKNB0503AtItsLineAndColumn()
    {
        using var tmp = new TempFolder();
        string yaml = tmp.Write("broken.yaml", """
            name: broken
            clock_mhz: 1000
            systolic:
              rows: -4
              columns: 8
              dataflow: ws
            scratchpads_kib:
              ifmap: 8
              filter: 8
              ofmap: 8
            dram_bytes_per_cycle: 8
            """);
        ToolRun run = ToolRun.Of("accelerator", yaml);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(yaml) + @"\(4,\d+\): error KNB0503: ", run.Error);
    }

    [Fact]
    public void MissingDescriptionIsAnInputError()
    {
        using var tmp = new TempFolder();
        ToolRun run = ToolRun.Of("accelerator", Path.Combine(tmp.Path, "absent.yaml"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error KNB0501: ", run.Error);
    }

    [Fact]
    public void NoArgumentsIsAUsageErrorThatNamesBothCommands()
    {
        ToolRun run = ToolRun.Of();
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error KNB0506: no command given", run.Error);
        Assert.Contains("knobs scalesim", run.Error);
        Assert.Contains("knobs accelerator", run.Error);
    }

    [Fact]
    public void UnknownCommandIsAUsageError()
    {
        ToolRun run = ToolRun.Of("simulate-everything");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error KNB0506: ", run.Error, StringComparison.Ordinal);
    }
}
