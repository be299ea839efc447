using System.IO;
using Knobs.Testing;

namespace Knobs.Accelerators.Tests;

public class AnchorDataTests
{
    [Fact]
    public void The_reference_data_of_SCALE_Sim_and_SMAUG_is_in_the_repository()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.Anchors, "scalesim", "golden_reports.json")));
        Assert.True(File.Exists(Path.Combine(RepoPaths.Anchors, "smaug", "tiling_cases.json")));
    }
}
