using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Knobs.Predictors.Genprof;

/// <summary>A block's activation.</summary>
public enum Activation
{
    /// <summary><c>relu</c>: <c>Relu(x)</c>.</summary>
    Relu,
    /// <summary><c>relu6</c>: <c>ClippedRelu(x, 6)</c>.</summary>
    Relu6,
    /// <summary><c>tanh</c>: <c>Tanh(x)</c>.</summary>
    Tanh,
}

/// <summary>One stage of a search space: how many blocks, and the choices each block makes.</summary>
public sealed record SearchStage(IReadOnlyList<int> Depths, IReadOnlyList<int> Widths, IReadOnlyList<int> Kernels, int Stride,
    IReadOnlyList<int> Expansions, IReadOnlyList<Activation> Activations);

/// <summary>
/// A search space in aw_nas's shape (docs/genprof.md): an input, a stem convolution, stages of blocks whose depth, width,
/// kernel, expansion and activation are chosen per architecture, and a classifier head.
/// </summary>
public sealed record SearchSpace(string Name, int InputChannels, int InputSize, int Classes, int StemWidth, int StemKernel, int StemStride,
    IReadOnlyList<SearchStage> Stages, int PrimitivesPerNetwork)
{
    /// <summary>The feature-map size each stage's first block reads.</summary>
    public int SizeBefore(int stage)
    {
        int size = OutSize(InputSize, StemStride);
        for (int s = 0; s < stage; s++) size = OutSize(size, Stages[s].Stride);
        return size;
    }

    /// <summary>The feature-map size after the last stage.</summary>
    public int FinalSize => OutSize(SizeBefore(Stages.Count - 1), Stages[Stages.Count - 1].Stride);

    /// <summary>Output size of a "same"-padded convolution with this stride.</summary>
    public static int OutSize(int size, int stride) => (size + stride - 1) / stride;
}

/// <summary>A mistake in a search-space file: file, line, column and what to write (KNB0605).</summary>
public sealed class SearchSpaceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SearchSpaceException(string file, int line, int column, string problem)
        : base($"{file}({line},{column}): error {Id}: {problem}")
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The diagnostic id.</summary>
    public const string Id = Knobs.Diagnostics.PredictorDiagnosticIds.SearchSpace;
    /// <summary>The file.</summary>
    public string File { get; }
    /// <summary>1-based line (0 when the whole file is meant).</summary>
    public int Line { get; }
    /// <summary>1-based column.</summary>
    public int Column { get; }
    /// <summary>What is wrong and what to do.</summary>
    public string Problem { get; }
}

/// <summary>
/// Reads a search space. Every value is checked against its range before anything is generated, and nothing of the file
/// reaches generated code except checked integers, an identifier and the fixed activation words.
/// </summary>
public static class SearchSpaceReader
{
    /// <summary>The largest file read, bytes.</summary>
    public const int MaxFileBytes = 1 << 20;

    private static readonly string[] TopKeys = { "name", "input", "stem", "stages", "primitives_per_network" };
    private static readonly string[] StageKeys = { "depth", "width", "kernel", "stride", "expansion", "activation" };

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static SearchSpace Load(string path)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new SearchSpaceException(path, 0, 0, "no such search-space file: give the path of a YAML search space (docs/genprof.md)");
            if (info.Length > MaxFileBytes) throw new SearchSpaceException(path, 0, 0, $"the file is {info.Length} bytes, over the {MaxFileBytes}-byte limit; a search space is a few lines");
            text = System.IO.File.ReadAllText(path, new UTF8Encoding(false, true));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            throw new SearchSpaceException(path, 0, 0, $"cannot be read ({e.Message}); check the path and that the file is UTF-8 text");
        }
        return Parse(path, text);
    }

    /// <summary>Reads a search space from <paramref name="text"/>; <paramref name="file"/> names it in messages.</summary>
    public static SearchSpace Parse(string file, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new SearchSpaceException(file, (int)e.Start.Line, (int)e.Start.Column, "not valid YAML: " + e.Message);
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new SearchSpaceException(file, 1, 1, "a search space is one YAML mapping with the keys " + string.Join(", ", TopKeys));
        var r = new Reader(file);
        var top = r.Keys(root, TopKeys, "the top level");
        string name = r.Identifier(r.Required(top, root, "name"), "name");
        YamlMappingNode input = r.Mapping(r.Required(top, root, "input"), "input");
        var inputKeys = r.Keys(input, new[] { "channels", "size", "classes" }, "input");
        int channels = r.Int(r.Required(inputKeys, input, "channels"), "input.channels", 1, 4096);
        int size = r.Int(r.Required(inputKeys, input, "size"), "input.size", 4, 1024);
        int classes = r.Int(r.Required(inputKeys, input, "classes"), "input.classes", 2, 100000);
        YamlMappingNode stem = r.Mapping(r.Required(top, root, "stem"), "stem");
        var stemKeys = r.Keys(stem, new[] { "width", "kernel", "stride" }, "stem");
        int stemWidth = r.Int(r.Required(stemKeys, stem, "width"), "stem.width", 1, 4096);
        int stemKernel = r.Kernel(r.Required(stemKeys, stem, "kernel"), "stem.kernel");
        int stemStride = r.Int(r.Required(stemKeys, stem, "stride"), "stem.stride", 1, 2);
        YamlNode stagesNode = r.Required(top, root, "stages");
        if (stagesNode is not YamlSequenceNode stageList || stageList.Children.Count == 0 || stageList.Children.Count > 16)
            throw r.At(stagesNode, "stages is a list of 1 to 16 stages, each a mapping with " + string.Join(", ", StageKeys));
        var stages = new List<SearchStage>();
        for (int i = 0; i < stageList.Children.Count; i++)
        {
            string at = $"stages[{i}]";
            YamlMappingNode s = r.Mapping(stageList.Children[i], at);
            var k = r.Keys(s, StageKeys, at);
            stages.Add(new SearchStage(
                r.Ints(r.Required(k, s, "depth"), at + ".depth", 1, 16),
                r.Ints(r.Required(k, s, "width"), at + ".width", 1, 4096),
                r.Ints(r.Required(k, s, "kernel"), at + ".kernel", 1, 11, odd: true),
                r.Int(r.Required(k, s, "stride"), at + ".stride", 1, 2),
                k.ContainsKey("expansion") ? r.Ints(k["expansion"].Value, at + ".expansion", 1, 8) : new[] { 1 },
                k.ContainsKey("activation") ? r.Activations(k["activation"].Value, at + ".activation") : new[] { Activation.Relu }));
        }
        int perNetwork = top.ContainsKey("primitives_per_network") ? r.Int(top["primitives_per_network"].Value, "primitives_per_network", 1, 64) : 6;
        var space = new SearchSpace(name, channels, size, classes, stemWidth, stemKernel, stemStride, stages, perNetwork);
        if (space.FinalSize < 1) throw r.At(stagesNode, "the strides reduce the input below one pixel; use fewer stride-2 stages or a larger input.size");
        return space;
    }

    private sealed class Reader
    {
        private readonly string _file;

        public Reader(string file) => _file = file;

        public SearchSpaceException At(YamlNode node, string problem) => new(_file, (int)node.Start.Line, (int)node.Start.Column, problem);

        public Dictionary<string, KeyValuePair<YamlScalarNode, YamlNode>> Keys(YamlMappingNode map, string[] allowed, string where)
        {
            var result = new Dictionary<string, KeyValuePair<YamlScalarNode, YamlNode>>(StringComparer.Ordinal);
            foreach (var entry in map.Children)
            {
                if (entry.Key is not YamlScalarNode key || key.Value is null) throw At(entry.Key, $"a key of {where} is not a plain word");
                if (Array.IndexOf(allowed, key.Value) < 0) throw At(key, $"unknown key '{Clip(key.Value)}' in {where}; the keys are {string.Join(", ", allowed)}");
                if (result.ContainsKey(key.Value)) throw At(key, $"'{key.Value}' is given twice in {where}; keep one");
                result[key.Value] = new KeyValuePair<YamlScalarNode, YamlNode>(key, entry.Value);
            }
            return result;
        }

        public YamlNode Required(Dictionary<string, KeyValuePair<YamlScalarNode, YamlNode>> keys, YamlMappingNode map, string name) =>
            keys.TryGetValue(name, out var v) ? v.Value : throw At(map, $"'{name}' is missing here; add it (docs/genprof.md)");

        public YamlMappingNode Mapping(YamlNode node, string what) => node as YamlMappingNode ?? throw At(node, $"{what} is a mapping (key: value lines or {{ key: value }})");

        public string Identifier(YamlNode node, string what)
        {
            string v = Scalar(node, what);
            if (!Regex.IsMatch(v, "^[A-Za-z][A-Za-z0-9_]{0,39}$"))
                throw At(node, $"{what} '{Clip(v)}' is not a name: a letter, then up to 39 letters, digits or '_' (it names the generated classes)");
            return v;
        }

        public int Int(YamlNode node, string what, int min, int max)
        {
            string v = Scalar(node, what);
            if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int x) || x < min || x > max)
                throw At(node, $"{what} is '{Clip(v)}'; give a whole number from {min} to {max}");
            return x;
        }

        public int Kernel(YamlNode node, string what)
        {
            int k = Int(node, what, 1, 11);
            if (k % 2 == 0) throw At(node, $"{what} is {k}; kernels are odd (1, 3, 5, 7, 9, 11) so that 'same' padding keeps the size");
            return k;
        }

        public IReadOnlyList<int> Ints(YamlNode node, string what, int min, int max, bool odd = false)
        {
            var items = node is YamlSequenceNode seq ? seq.Children.ToList() : new List<YamlNode> { node };
            if (items.Count == 0 || items.Count > 16) throw At(node, $"{what} is a choice of 1 to 16 values, e.g. [3, 5]");
            var values = new List<int>();
            foreach (YamlNode item in items)
            {
                int x = odd ? Kernel(item, what) : Int(item, what, min, max);
                if (values.Contains(x)) throw At(item, $"{what} lists {x} twice; list each choice once");
                values.Add(x);
            }
            return values;
        }

        public IReadOnlyList<Activation> Activations(YamlNode node, string what)
        {
            var items = node is YamlSequenceNode seq ? seq.Children.ToList() : new List<YamlNode> { node };
            if (items.Count == 0 || items.Count > 3) throw At(node, $"{what} is a choice among relu, relu6 and tanh");
            var values = new List<Activation>();
            foreach (YamlNode item in items)
            {
                string v = Scalar(item, what);
                Activation a = v switch
                {
                    "relu" => Activation.Relu,
                    "relu6" => Activation.Relu6,
                    "tanh" => Activation.Tanh,
                    _ => throw At(item, $"{what} '{Clip(v)}' is not an activation; use relu, relu6 or tanh"),
                };
                if (values.Contains(a)) throw At(item, $"{what} lists {v} twice; list each choice once");
                values.Add(a);
            }
            return values;
        }

        private string Scalar(YamlNode node, string what) =>
            node is YamlScalarNode { Value: { } v } ? v : throw At(node, $"{what} is a single value here, not a list or mapping");

        private static string Clip(string s)
        {
            var b = new StringBuilder();
            foreach (char c in s.Length > 40 ? s.Substring(0, 40) + "…" : s) b.Append(char.IsControl(c) ? '?' : c);
            return b.ToString();
        }
    }
}
