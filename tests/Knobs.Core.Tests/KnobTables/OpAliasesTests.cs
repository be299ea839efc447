using Knobs.KnobTables;

namespace Knobs.Core.Tests.KnobTables;

public class OpAliasesTests
{
    [Theory]
    [InlineData("tensorConvolution", "Convolution")]
    [InlineData("tensorHalfConvolution", "HalfConvolution")]
    [InlineData("tensorConvApprox", "ConvApprox")]
    [InlineData("tensorConvApproxHalf", "ConvApproxHalf")]
    [InlineData("tensorConvApproxHalf2", "ConvApproxHalf")]
    [InlineData("tensorAdd", "Add")]
    [InlineData("tensorHalfAdd", "HalfAdd")]
    [InlineData("tensorGemmGPU", "Gemm")]
    [InlineData("tensorGemm", "Gemm")]
    [InlineData("tensorMul", "Gemm")]
    [InlineData("tensorTanh", "Tanh")]
    [InlineData("tensorHalfRelu2", "HalfClippedRelu")]
    [InlineData("tensorPooling", "Pooling")]
    [InlineData("tensorBatchNorm", "BatchNorm")]
    [InlineData("tensorSoftmax", "Softmax")]
    [InlineData("tensorConvCutlass", "GroupConvolution")]
    [InlineData("Convolution", "Convolution")]
    [InlineData("Ops.ConvApprox", "ConvApprox")]
    [InlineData("Knobs.Tensors.Ops.HalfGemm", "HalfGemm")]
    public void HpvmAndKnobsNamesResolveToKnobsOps(string name, string expected) => Assert.Equal(expected, OpAliases.Resolve(name));

    [Theory]
    [InlineData("tensorReduction")]
    [InlineData("tensorConvPerfCuda")]
    [InlineData("convolution")]
    [InlineData("")]
    public void NamesWithoutAKnobsOpResolveToNull(string name) => Assert.Null(OpAliases.Resolve(name));

    [Theory]
    [InlineData("Convolution", "HalfConvolution")]
    [InlineData("ConvApprox", "ConvApproxHalf")]
    [InlineData("Add", "HalfAdd")]
    [InlineData("Gemm", "HalfGemm")]
    [InlineData("Softmax", "Softmax")]
    [InlineData("HalfAdd", "HalfAdd")]
    public void Fp16RewriteMapsEachOpToItsHalfFormAndKeepsSoftmax(string op, string half) => Assert.Equal(half, OpAliases.ToHalf(op));

    [Fact]
    public void EveryAliasTargetAndHalfFormIsAKnobsOp()
    {
        foreach (var alias in OpAliases.HpvmToKnobs)
        {
            if (alias.Value is not null) Assert.True(OpAliases.IsKnobsOp(alias.Value), alias.Key);
        }
        foreach (var half in OpAliases.HalfForms)
        {
            Assert.True(OpAliases.IsKnobsOp(half.Key) && OpAliases.IsKnobsOp(half.Value), half.Key);
            Assert.Equal(OpAliases.OpKinds[half.Key], OpAliases.OpKinds[half.Value]);
        }
    }

    [Theory]
    [InlineData("conv_fc_red", "conv,mul,red")]
    [InlineData("conv_fc", "conv,mul")]
    [InlineData("conv", "conv")]
    [InlineData("tensorGemmGPU", "mul")]
    [InlineData("pool_max", "pool_max")]
    [InlineData("nonsense", "")]
    public void AppliesToTargetsExpandToOpKinds(string target, string kinds) =>
        Assert.Equal(kinds, string.Join(",", OpAliases.ExpandAppliesTo(target)));
}
