using Knobs.Accelerators.Systolic;

namespace Knobs.Accelerators.Tests.Systolic;

public class PythonFloatTests
{
    [Theory]
    [InlineData(33.0, "33.0")]
    [InlineData(-3275.0, "-3275.0")]
    [InlineData(100.0, "100.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1234567890123456.0, "1234567890123456.0")]
    [InlineData(12345678901234567.0, "1.2345678901234568e+16")]
    [InlineData(91.68309650614964, "91.68309650614964")]
    [InlineData(0.0, "0.0")]
    public void Floats_are_printed_as_Python_repr_prints_them(double value, string text) => Assert.Equal(text, PythonFloat.Repr(value));

    [Fact]
    public void Python_3_12_sums_compensate_where_sequential_sums_round()
    {
        double[] values = { 1e16, 1.0, -1e16 };
        Assert.Equal(0.0, PythonFloat.Sum(values, compensated: false));
        Assert.Equal(1.0, PythonFloat.Sum(values, compensated: true));
    }
}
