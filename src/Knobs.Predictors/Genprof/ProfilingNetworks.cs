using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Knobs.Predictors.Genprof;

/// <summary>What a primitive is: the stem convolution, a stage's block, or the classifier head.</summary>
public enum PrimitiveKind
{
    /// <summary>The stem: convolution, bias, ReLU.</summary>
    Stem,
    /// <summary>A block: convolution, bias, activation; with expansion e &gt; 1 an inverted residual (1×1 expand, depthwise k×k, 1×1 project).</summary>
    Block,
    /// <summary>The head: global average pooling, a dense layer, bias, softmax.</summary>
    Head,
}

/// <summary>One distinct unit of a search space, at the feature-map size it reads.</summary>
public sealed record Primitive(PrimitiveKind Kind, int InChannels, int OutChannels, int Kernel, int Stride, int Expansion, Activation Activation, int Size)
{
    /// <summary>A readable, unique name: <c>block c16-w24 k5 s2 e4 relu6 @32</c>.</summary>
    public string Describe() => Kind switch
    {
        PrimitiveKind.Head => Invariant($"head c{InChannels}-classes{OutChannels} @{Size}"),
        _ => Invariant($"{(Kind == PrimitiveKind.Stem ? "stem" : "block")} c{InChannels}-w{OutChannels} k{Kernel} s{Stride} e{Expansion} {Word(Activation)} @{Size}"),
    };

    /// <summary>The size after it.</summary>
    public int OutSize => Kind == PrimitiveKind.Head ? 1 : SearchSpace.OutSize(Size, Stride);

    internal static string Word(Activation a) => a switch { Activation.Relu6 => "relu6", Activation.Tanh => "tanh", _ => "relu" };

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A generated profiling network: a chain of primitives with 1×1 glue convolutions where shapes differ.</summary>
public sealed record ProfilingNetwork(string ClassName, IReadOnlyList<Primitive> Primitives);

/// <summary>A sampled architecture of the space: the stem, the chosen blocks of every stage, the head.</summary>
public sealed record Architecture(string ClassName, IReadOnlyList<Primitive> Primitives)
{
    /// <summary>One line: the blocks' choices.</summary>
    public string Describe() => string.Join(" | ", Primitives.Select(p => p.Describe()));
}

/// <summary>
/// aw_nas's genprof for Knobs: a search space's primitives, chained several per generated network, and architectures
/// sampled from it. Deterministic: the same space, seed and counts give the same networks, in the same order.
/// </summary>
public static class ProfilingNetworks
{
    /// <summary>Every distinct primitive of the space, in a fixed order (larger feature maps first).</summary>
    public static IReadOnlyList<Primitive> Primitives(SearchSpace space)
    {
        var set = new List<Primitive>
        {
            new(PrimitiveKind.Stem, space.InputChannels, space.StemWidth, space.StemKernel, space.StemStride, 1, Activation.Relu, space.InputSize),
        };
        IReadOnlyList<int> previous = new[] { space.StemWidth };
        for (int s = 0; s < space.Stages.Count; s++)
        {
            SearchStage stage = space.Stages[s];
            int size = space.SizeBefore(s);
            Add(set, stage, previous, size, stage.Stride);
            if (stage.Depths.Max() > 1) Add(set, stage, stage.Widths, SearchSpace.OutSize(size, stage.Stride), 1);
            previous = stage.Widths;
        }
        foreach (int c in previous) set.Add(new Primitive(PrimitiveKind.Head, c, space.Classes, 1, 1, 1, Activation.Relu, space.FinalSize));
        return set.Distinct().OrderByDescending(p => p.Size).ThenBy(p => p.Kind).ThenBy(p => p.InChannels).ThenBy(p => p.OutChannels)
            .ThenBy(p => p.Kernel).ThenBy(p => p.Stride).ThenBy(p => p.Expansion).ThenBy(p => p.Activation).ToList();
    }

    private static void Add(List<Primitive> set, SearchStage stage, IReadOnlyList<int> inputs, int size, int stride)
    {
        foreach (int c in inputs)
            foreach (int w in stage.Widths)
                foreach (int k in stage.Kernels)
                    foreach (int e in stage.Expansions)
                        foreach (Activation a in stage.Activations)
                            set.Add(new Primitive(PrimitiveKind.Block, c, w, k, stride, e, a, size));
    }

    /// <summary>
    /// The profiling networks, at most <see cref="SearchSpace.PrimitivesPerNetwork"/> primitives each. A network starts
    /// with the largest feature map left and takes next a primitive that reads the map it has (stride 1 before stride 2),
    /// else the one with the largest smaller map (glue convolutions halve the map down to it): a map is never enlarged.
    /// A head ends a network whose map is at least the head's.
    /// </summary>
    public static IReadOnlyList<ProfilingNetwork> Chain(SearchSpace space, IReadOnlyList<Primitive> primitives)
    {
        var remaining = primitives.Where(p => p.Kind != PrimitiveKind.Head).ToList();
        var heads = primitives.Where(p => p.Kind == PrimitiveKind.Head).ToList();
        var groups = new List<(List<Primitive> Chain, int Size)>();
        while (remaining.Count > 0)
        {
            var chain = new List<Primitive>();
            int size = remaining.Max(p => p.Size);
            while (chain.Count < space.PrimitivesPerNetwork)
            {
                Primitive? next = remaining.FirstOrDefault(p => p.Size == size && p.Stride == 1)
                    ?? remaining.FirstOrDefault(p => p.Size == size)
                    ?? remaining.Where(p => p.Size < size).OrderByDescending(p => p.Size).FirstOrDefault();
                if (next is null) break;
                remaining.Remove(next);
                chain.Add(next);
                size = next.OutSize;
            }
            groups.Add((chain, size));
        }
        foreach (Primitive head in heads)
        {
            int at = groups.FindIndex(g => g.Chain.All(p => p.Kind != PrimitiveKind.Head) && g.Size >= head.Size);
            if (at >= 0) groups[at].Chain.Add(head);
            else groups.Add((new List<Primitive> { head }, 1));
        }
        string prefix = Pascal(space.Name);
        return groups.Select((g, i) => new ProfilingNetwork(prefix + "Profile" + (i + 1).ToString("D2", CultureInfo.InvariantCulture), g.Chain)).ToList();
    }

    /// <summary><paramref name="count"/> distinct architectures drawn uniformly (per stage a depth, per block each choice) with <paramref name="seed"/>.</summary>
    public static IReadOnlyList<Architecture> Sample(SearchSpace space, int count, ulong seed)
    {
        var rng = new SplitMix(seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Architecture>();
        string prefix = Pascal(space.Name);
        for (int attempt = 0; result.Count < count && attempt < count * 100; attempt++)
        {
            var prims = new List<Primitive> { new(PrimitiveKind.Stem, space.InputChannels, space.StemWidth, space.StemKernel, space.StemStride, 1, Activation.Relu, space.InputSize) };
            int c = space.StemWidth, size = SearchSpace.OutSize(space.InputSize, space.StemStride);
            foreach (SearchStage stage in space.Stages)
            {
                int depth = Pick(rng, stage.Depths);
                for (int b = 0; b < depth; b++)
                {
                    int stride = b == 0 ? stage.Stride : 1;
                    var p = new Primitive(PrimitiveKind.Block, c, Pick(rng, stage.Widths), Pick(rng, stage.Kernels), stride, Pick(rng, stage.Expansions), Pick(rng, stage.Activations), size);
                    prims.Add(p);
                    c = p.OutChannels;
                    size = p.OutSize;
                }
            }
            prims.Add(new Primitive(PrimitiveKind.Head, c, space.Classes, 1, 1, 1, Activation.Relu, size));
            var arch = new Architecture("", prims);
            if (!seen.Add(arch.Describe())) continue;
            result.Add(arch with { ClassName = prefix + "Arch" + (result.Count + 1).ToString("D2", CultureInfo.InvariantCulture) });
        }
        return result;
    }

    /// <summary>How many architectures the space holds (saturating at <see cref="long.MaxValue"/>).</summary>
    public static double Count(SearchSpace space)
    {
        double total = 1;
        foreach (SearchStage s in space.Stages)
        {
            double perBlock = (double)s.Widths.Count * s.Kernels.Count * s.Expansions.Count * s.Activations.Count;
            double stage = 0;
            foreach (int d in s.Depths) stage += Math.Pow(perBlock, d);
            total *= stage;
        }
        return total;
    }

    private static T Pick<T>(SplitMix rng, IReadOnlyList<T> choices) => choices[(int)(rng.Next() % (ulong)choices.Count)];

    /// <summary>The space name with its first letter upper-case: the prefix of the generated class names.</summary>
    public static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);

    // SplitMix64: the same sequence on every machine and runtime.
    private sealed class SplitMix
    {
        private ulong _state;

        public SplitMix(ulong seed) => _state = seed;

        public ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
