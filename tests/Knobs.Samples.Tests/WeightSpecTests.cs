using System.Linq;

namespace Knobs.Samples.Tests;

public class WeightSpecTests
{
    [Theory]
    [MemberData(nameof(Sample.HpvmNetworks), MemberType = typeof(Sample))]
    public void WeightFilesAndParameterCountEqualNetworksMd(string network)
    {
        var specs = Sample.Get(network).Specs;
        var (files, parameters) = NetworksTable.WeightTotals(network);

        Assert.Equal(files, specs.Count);
        Assert.Equal(parameters, specs.Sum(s => (long)s.Length));
    }

    [Theory]
    [MemberData(nameof(Sample.HpvmNetworks), MemberType = typeof(Sample))]
    public void InputShapeEqualsNetworksMd(string network)
    {
        string input = NetworksTable.Row(network)[2];
        Assert.Equal(input, "(" + string.Join(",", Sample.Get(network).InputShape) + ")");
    }

    [Fact]
    public void BatchNormSpecsNameTheFourHpvmFiles()
    {
        var names = WeightSpec.BatchNorm("batch_normalization_3", 64).Select(s => s.Name + s.ShapeText);

        Assert.Equal(
            ["batch_normalization_3_gamma[1,64,1,1]", "batch_normalization_3_beta[1,64,1,1]",
             "batch_normalization_3_mean[1,64,1,1]", "batch_normalization_3_variance[1,64,1,1]"],
            names);
    }
}
