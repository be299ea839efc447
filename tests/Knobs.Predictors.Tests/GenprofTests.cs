using System;
using System.IO;
using System.Linq;
using Knobs.Predictors.Genprof;
using Knobs.Testing;

namespace Knobs.Predictors.Tests;

public class GenprofTests
{
    private const string Small = """
        name: tiny
        input: { channels: 3, size: 16, classes: 10 }
        stem: { width: 8, kernel: 3, stride: 1 }
        stages:
          - { depth: [1, 2], width: [8, 12], kernel: [3, 5], stride: 2, expansion: [1, 2], activation: [relu, relu6] }
        primitives_per_network: 4
        """;

    private static SearchSpace Space(string text = Small) => SearchSpaceReader.Parse("space.yaml", text);

    private static SearchSpaceException Bad(string text) => Assert.Throws<SearchSpaceException>(() => SearchSpaceReader.Parse("space.yaml", text));

    [Fact]
    public void The_primitives_are_every_choice_at_every_input_a_block_can_see()
    {
        SearchSpace s = Space();
        var primitives = ProfilingNetworks.Primitives(s);
        // First block: input 8 (the stem) x 2 widths x 2 kernels x 2 expansions x 2 activations = 16;
        // second block (depth 2): inputs 8 or 12 x the same 16 = 32; plus the stem and one head per last width.
        Assert.Equal(1, primitives.Count(p => p.Kind == PrimitiveKind.Stem));
        Assert.Equal(16 + 32, primitives.Count(p => p.Kind == PrimitiveKind.Block));
        Assert.Equal(2, primitives.Count(p => p.Kind == PrimitiveKind.Head));
        Assert.Equal(primitives.Count, primitives.Distinct().Count());
        Assert.All(primitives.Where(p => p.Kind == PrimitiveKind.Block && p.Stride == 2), p => Assert.Equal(16, p.Size));
        Assert.All(primitives.Where(p => p.Kind == PrimitiveKind.Block && p.Stride == 1), p => Assert.Equal(8, p.Size));
    }

    [Fact]
    public void Every_primitive_is_in_exactly_one_profiling_network_and_heads_end_theirs()
    {
        SearchSpace s = Space();
        var primitives = ProfilingNetworks.Primitives(s);
        var networks = ProfilingNetworks.Chain(s, primitives);
        Assert.Equal(primitives.OrderBy(p => p.Describe()), networks.SelectMany(n => n.Primitives).OrderBy(p => p.Describe()));
        Assert.All(networks, n => Assert.True(n.Primitives.Take(n.Primitives.Count - 1).All(p => p.Kind != PrimitiveKind.Head)));
        Assert.All(networks, n => Assert.True(n.Primitives.Count(p => p.Kind != PrimitiveKind.Head) <= 4));
        // Along every chain the map only shrinks: each primitive reads at most the map the one before it wrote.
        foreach (ProfilingNetwork n in networks)
        {
            for (int i = 1; i < n.Primitives.Count; i++) Assert.True(n.Primitives[i].Size <= n.Primitives[i - 1].OutSize, $"{n.ClassName} primitive {i + 1}");
        }
    }

    [Fact]
    public void The_sample_space_chains_every_primitive_without_enlarging_a_map()
    {
        SearchSpace s = SearchSpaceReader.Load(RepoPaths.Combine("samples", "genprof", "cifar_space.yaml"));
        var networks = ProfilingNetworks.Chain(s, ProfilingNetworks.Primitives(s));
        foreach (ProfilingNetwork n in networks) TemplateWriter.Write("N", n.ClassName, "s", n.Primitives);
        Assert.Equal(ProfilingNetworks.Primitives(s).Count, networks.Sum(n => n.Primitives.Count));
    }

    [Fact]
    public void Sampled_architectures_are_distinct_valid_chains_and_the_same_for_the_same_seed()
    {
        SearchSpace s = Space();
        var a = ProfilingNetworks.Sample(s, 20, 5);
        var b = ProfilingNetworks.Sample(s, 20, 5);
        Assert.Equal(20, a.Count);
        Assert.Equal(a.Select(x => x.Describe()), b.Select(x => x.Describe()));
        Assert.Equal(20, a.Select(x => x.Describe()).Distinct().Count());
        Assert.NotEqual(a.Select(x => x.Describe()), ProfilingNetworks.Sample(s, 20, 6).Select(x => x.Describe()));
        foreach (Architecture arch in a)
        {
            for (int i = 1; i < arch.Primitives.Count; i++)
            {
                Assert.Equal(arch.Primitives[i - 1].OutChannels, arch.Primitives[i].InChannels);
                Assert.Equal(arch.Primitives[i - 1].OutSize, arch.Primitives[i].Size);
            }
            Assert.Equal(PrimitiveKind.Head, arch.Primitives[^1].Kind);
        }
    }

    [Fact]
    public void A_generated_profiling_template_matches_its_snapshot()
    {
        SearchSpace s = Space();
        ProfilingNetwork n = ProfilingNetworks.Chain(s, ProfilingNetworks.Primitives(s))[0];
        Snapshot.Match(TemplateWriter.Write("KnobsGenprof.Tiny", n.ClassName, "A profiling network.", n.Primitives), "genprof-profile01", "cs");
    }

    [Fact]
    public void Writing_the_projects_twice_gives_the_same_files()
    {
        string a = Directory.CreateTempSubdirectory("genprof-a").FullName, b = Directory.CreateTempSubdirectory("genprof-b").FullName;
        try
        {
            GenprofProject.Write(Space(), a, 5, 1, "1.2.3", null);
            GenprofProject.Write(Space(), b, 5, 1, "1.2.3", null);
            var filesA = Directory.GetFiles(a, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a, f)).OrderBy(f => f, StringComparer.Ordinal).ToList();
            Assert.Equal(filesA, Directory.GetFiles(b, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(b, f)).OrderBy(f => f, StringComparer.Ordinal));
            foreach (string f in filesA) Assert.Equal(File.ReadAllBytes(Path.Combine(a, f)), File.ReadAllBytes(Path.Combine(b, f)));
            Assert.Contains("<PackageReference Include=\"Knobs\" Version=\"1.2.3\" />", File.ReadAllText(Path.Combine(a, "profiling", "TinyProfiling.csproj")));
            Assert.Equal(5, File.ReadAllLines(Path.Combine(a, "architectures.csv")).Length - 1);
        }
        finally
        {
            Directory.Delete(a, true);
            Directory.Delete(b, true);
        }
    }

    [Theory]
    [InlineData("name: tiny\nstem: {}\n", "(1,1)", "'input' is missing here")]
    [InlineData("name: 'x; System.IO.File.Delete(\"a\")'\n", "(1,7)", "is not a name")]
    [InlineData("name: tiny\ncolour: red\n", "(2,1)", "unknown key 'colour'")]
    public void Search_space_mistakes_name_the_line_column_and_what_to_write(string text, string at, string problem)
    {
        SearchSpaceException e = Bad(text);
        Assert.Contains("space.yaml" + at, e.Message);
        Assert.Contains(problem, e.Message);
        Assert.Contains("KNB0605", e.Message);
    }

    [Fact]
    public void An_even_kernel_an_unknown_activation_and_a_repeated_choice_are_refused_at_their_value()
    {
        Assert.Contains("kernels are odd", Bad(Small.Replace("kernel: [3, 5]", "kernel: [3, 4]")).Message);
        Assert.Contains("'gelu' is not an activation", Bad(Small.Replace("[relu, relu6]", "[relu, gelu]")).Message);
        Assert.Contains("lists 8 twice", Bad(Small.Replace("width: [8, 12]", "width: [8, 8]")).Message);
        SearchSpaceException stride = Bad(Small.Replace("stride: 2, expansion", "stride: 3, expansion"));
        Assert.Contains("stages[0].stride is '3'; give a whole number from 1 to 2", stride.Message);
        Assert.Contains("space.yaml(5,", stride.Message);
    }
}
