using System.Linq;

namespace Knobs.Cuda.Tests;

public sealed class KernelSourceTests
{
    private static readonly string Source = KernelSource.Read(KernelSource.HpvmApprox);

    [Fact]
    public void TheKernelSourceIsEmbedded() => Assert.Contains("extern \"C\" __global__", Source);

    [Fact]
    public void EveryLaunchedEntryPointIsDefined()
    {
        foreach (string name in KernelSource.EntryPoints)
        {
            bool generated = !name.StartsWith("convert_") && (name.EndsWith("_f32") || name.EndsWith("_f16"));
            string expected = generated ? $"void {name[..^4]}_##S(" : $"void {name}(";
            Assert.True(Source.Contains(expected), $"{name}: '{expected}' not in {KernelSource.HpvmApprox}");
        }
        Assert.Contains("DEFINE_KERNELS(f32)", Source);
        Assert.Contains("DEFINE_KERNELS(f16)", Source);
    }

    [Fact]
    public void TheSourceNeedsNoIncludeFolder() => Assert.DoesNotContain("#include", Source);

    [Fact]
    public void HalfArithmeticIsRealHalfInstructions()
    {
        Assert.Contains("add.rn.f16", Source);
        Assert.Contains("mul.rn.f16", Source);
        Assert.Contains("cvt.rn.f16.f32", Source);
    }

    [Fact]
    public void BracketsBalance()
    {
        string code = string.Join('\n', Source.Split('\n').Select(l => l.Contains("//") ? l[..l.IndexOf("//")] : l));
        Assert.Equal(code.Count(c => c == '{'), code.Count(c => c == '}'));
        Assert.Equal(code.Count(c => c == '('), code.Count(c => c == ')'));
    }

    [Fact]
    public void AnUnknownSourceIsAClearError()
    {
        var e = Assert.Throws<System.IO.FileNotFoundException>(() => KernelSource.Read("nope.cu"));
        Assert.Contains("nope.cu", e.Message);
    }
}
