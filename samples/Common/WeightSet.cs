using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Knobs.Tensors;

namespace Knobs.Samples;

/// <summary>
/// The weight tensors of one network, by HPVM file name: seeded (the default) or loaded from HPVM's
/// raw float32 files. Each sample's typed <c>…Weights</c> class is a named view over one of these.
/// Create or load weights outside any <see cref="TensorScope"/>: they must outlive every run.
/// </summary>
public sealed class WeightSet
{
    private readonly Dictionary<string, Tensor> _tensors;

    private WeightSet(string network, IReadOnlyList<WeightSpec> specs, Dictionary<string, Tensor> tensors, string source)
    {
        Network = network;
        Specs = specs;
        _tensors = tensors;
        Source = source;
    }

    /// <summary>The network's HPVM name, e.g. <c>alexnet_cifar10</c>.</summary>
    public string Network { get; }

    /// <summary>The weight tensors in HPVM's order.</summary>
    public IReadOnlyList<WeightSpec> Specs { get; }

    /// <summary>Where the values came from: <c>seed 42</c> or the folder they were loaded from.</summary>
    public string Source { get; }

    /// <summary>The tensor stored under an HPVM file name (without <c>.bin</c>).</summary>
    public Tensor this[string name] => _tensors.TryGetValue(name, out var t)
        ? t
        : throw new KeyNotFoundException($"{Network} has no weight named '{name}'.");

    /// <summary>
    /// Deterministic weights: tensor <c>i</c> is drawn with <see cref="Tensor.Random"/> under its own seed
    /// derived from <paramref name="seed"/> and <c>i</c>, then scaled for its role (see <see cref="SeededValues"/>).
    /// </summary>
    public static WeightSet Create(string network, IReadOnlyList<WeightSpec> specs, int seed)
    {
        CheckUnique(network, specs);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (int i = 0; i < specs.Count; i++)
        {
            var spec = specs[i];
            float[] raw;
            using (Tensor drawn = Tensor.Random(spec.Shape, TensorSeed(seed, i))) raw = drawn.ToArray();
            tensors[spec.Name] = Tensor.FromArray(SeededValues.Scale(raw, spec), spec.Shape);
        }
        return new WeightSet(network, specs, tensors, "seed " + seed.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Loads every weight from <paramref name="folder"/> (<c>NAME.bin</c>, raw little-endian float32).
    /// All files are checked before any is read; every missing or mis-sized file is named in one
    /// <see cref="WeightFileException"/>.
    /// </summary>
    public static WeightSet Load(string network, IReadOnlyList<WeightSpec> specs, string folder)
    {
        CheckUnique(network, specs);
        if (!Directory.Exists(folder))
        {
            throw new WeightFileException(
                $"{folder}: weight folder for {network} does not exist. {WeightsDirectory.Hint(network)}");
        }

        var problems = new StringBuilder();
        int bad = 0;
        foreach (var spec in specs)
        {
            string path = Path.Combine(folder, spec.Name + ".bin");
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                bad++;
                problems.Append(CultureInfo.InvariantCulture,
                    $"\n  {path}: missing (expected {spec.Bytes} bytes: float32 {spec.ShapeText})");
            }
            else if (info.Length != spec.Bytes)
            {
                bad++;
                problems.Append(CultureInfo.InvariantCulture,
                    $"\n  {path}: {info.Length} bytes, expected {spec.Bytes} bytes (float32 {spec.ShapeText})");
            }
        }
        if (bad > 0)
        {
            throw new WeightFileException(string.Create(CultureInfo.InvariantCulture,
                $"{folder}: {bad} of {specs.Count} weight files for {network} are missing or have the wrong size:{problems}\n{WeightsDirectory.Hint(network)}"));
        }

        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            tensors[spec.Name] = Tensor.Load(Path.Combine(folder, spec.Name + ".bin"), spec.Shape);
        }
        return new WeightSet(network, specs, tensors, Path.GetFullPath(folder));
    }

    /// <summary>
    /// The weights a sample runs with: loaded from the folder <see cref="WeightsDirectory.Resolve"/> finds
    /// (KNOBS_WEIGHTS_DIR or the KnobsWeightsDir build property), otherwise seeded with <paramref name="seed"/>.
    /// </summary>
    public static WeightSet Default(string network, IReadOnlyList<WeightSpec> specs, int seed)
    {
        string? folder = WeightsDirectory.Resolve(network);
        return folder is null ? Create(network, specs, seed) : Load(network, specs, folder);
    }

    /// <summary>
    /// Writes every tensor as <c>NAME.bin</c> (raw little-endian float32, HPVM's layout) into
    /// <paramref name="folder"/> (each file atomically, by <see cref="Tensor.Save"/>).
    /// </summary>
    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var spec in Specs) _tensors[spec.Name].Save(Path.Combine(folder, spec.Name + ".bin"));
    }

    private static int TensorSeed(int seed, int index) => unchecked(seed * 1_000_003 + index * 7_919 + 1);

    private static void CheckUnique(string network, IReadOnlyList<WeightSpec> specs)
    {
        var dup = specs.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"{network}: weight '{dup.Key}' is listed twice.", nameof(specs));
    }
}
