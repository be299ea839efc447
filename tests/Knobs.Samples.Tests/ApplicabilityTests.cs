using System;
using System.Linq;

namespace Knobs.Samples.Tests;

/// <summary>Which ops each generated variant changes: HPVM's rules (fp16 everything but softmax; perforation and sampling convolutions only).</summary>
public class ApplicabilityTests
{
    [Theory]
    [MemberData(nameof(Sample.Networks), MemberType = typeof(Sample))]
    public void Fp16VariantRunsEveryOpButSoftmaxInHalf(string network)
    {
        var variant = GeneratedRegistry.For(Sample.Get(network).Template).CreateVariant("fp16_12");

        Assert.All(variant.Ops, op => Assert.Equal(op.OpKind != "softmax", op.OpName.StartsWith("Half", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Sample.Networks), MemberType = typeof(Sample))]
    public void PerforationAndSamplingRewriteConvolutionsOnly(string network)
    {
        var descriptor = GeneratedRegistry.For(Sample.Get(network).Template);
        var fp32 = descriptor.CreateVariant("fp32_11").Ops;

        foreach (string name in new[] { "perf_121", "samp_231" })
        {
            var ops = descriptor.CreateVariant(name).Ops;
            Assert.Equal(fp32.Select(o => o.OpKind), ops.Select(o => o.OpKind));
            for (int i = 0; i < ops.Count; i++)
            {
                bool rewritten = ops[i].OpName != fp32[i].OpName;
                Assert.True(rewritten == (ops[i].OpKind == "conv"), $"{network} {name} op {i} ({ops[i].OpKind}) was {ops[i].OpName}");
            }
        }
    }

    [Fact]
    public void MobileNetDepthwiseConvolutionsStayExactUnderPerforation()
    {
        var ops = GeneratedRegistry.For(typeof(MobileNetCifar10)).CreateVariant("perf_fp16_151").Ops;

        Assert.Equal(13, ops.Count(o => o.OpKind == "group_conv"));
        Assert.All(ops.Where(o => o.OpKind == "group_conv"), o => Assert.Equal("HalfGroupConvolution", o.OpName));
        Assert.All(ops.Where(o => o.OpKind == "conv"), o => Assert.Equal("ConvApproxHalf", o.OpName));
    }
}
