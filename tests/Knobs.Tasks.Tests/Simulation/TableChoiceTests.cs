using Knobs.Tasks.Simulation;

namespace Knobs.Tasks.Tests.Simulation;

public class TableChoiceTests
{
    private static readonly string[] Files =
    {
        "/out/knobs/LeNet.tensors.txt", "/out/knobs/LeNet.table.json", "/out/knobs/LeNet.table.csv",
        "/out/knobs/AlexNet.table.json",
    };

    [Fact]
    public void TheOnlyTableIsPickedWithoutABenchmarkName()
    {
        Assert.Equal(new[] { "/out/knobs/LeNet.table.json" }, TableChoice.PickAll(Files[..3], null, out string? problem));
        Assert.Null(problem);
    }

    [Fact]
    public void SeveralTablesNeedKnobsBenchmark()
    {
        Assert.Null(TableChoice.PickAll(Files, null, out string? problem));
        Assert.Contains("KnobsBenchmark", problem);
        Assert.Contains("AlexNet, LeNet", problem);
        Assert.Equal(new[] { "/out/knobs/AlexNet.table.json" }, TableChoice.PickAll(Files, "AlexNet", out _));
    }

    [Fact]
    public void UnknownBenchmarkNamesTheTablesThatExist()
    {
        Assert.Null(TableChoice.PickAll(Files, "VGG", out string? problem));
        Assert.Contains("'VGG'", problem);
        Assert.Contains("AlexNet, LeNet", problem);
    }
}
