using System.IO;

namespace Knobs.EndToEnd.Tests.Infrastructure;

/// <summary>The files of the small projects the end-to-end tests create.</summary>
public static class ProjectFiles
{
    /// <summary>A project file: <paramref name="sdk"/> is <c>Microsoft.NET.Sdk</c> (with a Knobs PackageReference) or <c>Knobs.Sdk/x.y.z</c>.</summary>
    public static string Project(string sdk, string? knobsVersion, string items, string properties = "<KnobsIterations>2</KnobsIterations>", string targets = "") => $"""
        <Project Sdk="{sdk}">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            {properties}
          </PropertyGroup>
          <ItemGroup>
            {(knobsVersion is null ? "" : $"<PackageReference Include=\"Knobs\" Version=\"{knobsVersion}\" />")}
            {items}
          </ItemGroup>
          {targets}
        </Project>
        """;

    /// <summary>Three knobs: the fp32 baseline, one perforation and one sampling knob.</summary>
    public const string KnobTable = """
        # the knobs this test project profiles
        knobs:
          - type: fp32
            id: 11
            speedup: 1.0
          - type: perf
            id: 121
            parameters: [1, 2, 0]
            speedup: 2.0
          - type: samp
            id: 231
            parameters: [2, 0, 1]
            speedup: 2.0
        """;

    /// <summary>A template with three nodes (conv add relu | mul | softmax); <paramref name="seed"/> changes its IL.</summary>
    public static string Template(string name, int seed = 1) => $$"""
        using Knobs;
        using Knobs.Tensors;
        using static Knobs.Tensors.Ops;

        [KnobBenchmark]
        public partial class {{name}}
        {
            private readonly Tensor _w1 = Tensor.Random([4, 1, 3, 3], seed: {{seed}});
            private readonly Tensor _b1 = Tensor.Random([1, 4, 1, 1], seed: 2);
            private readonly Tensor _w2 = Tensor.Random([4 * 8 * 8, 10], seed: 3);

            public Tensor Input(int batch) => Tensor.Random([batch, 1, 8, 8], seed: 7);

            public Tensor Run(Tensor x)
            {
                x = Convolution(x, _w1, 1, 1, 1, 1);
                x = Add(x, _b1);
                x = Relu(x);
                x = Gemm(x, _w2);
                return Softmax(x);
            }
        }
        """;

    /// <summary>Two HPVM configurations of <see cref="Template"/>: all fp32, and the convolution perforated (knob 121).</summary>
    public const string Configurations = """
        0.0
        +++++
        conf1 1.0 0 100.0 0.0
        1 cpu conv fp32 11 add fp32 1 relu fp32 1
        2 cpu mul fp32 11
        3 cpu softmax fp32 1
        -----
        +++++
        conf2 1.0 0 100.0 0.0
        1 cpu conv perf 121 add fp32 1 relu fp32 1
        2 cpu mul fp32 11
        3 cpu softmax fp32 1
        -----
        """;

    public static void Write(string folder, string relativePath, string text) =>
        File.WriteAllText(Path.Combine(folder, relativePath), text.Replace("\r\n", "\n"));
}
