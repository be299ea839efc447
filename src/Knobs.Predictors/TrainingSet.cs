using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Knobs.Profiles;
using Knobs.Tables;

namespace Knobs.Predictors;

/// <summary>One measured op: what it computed, where, and its mean time per call.</summary>
public sealed class OpSample
{
    internal OpSample(string benchmark, int node, int opIndex, string op, OpFeatureRecord features, float[] vector, double time, int count, string shapeKey)
    {
        Benchmark = benchmark;
        Node = node;
        OpIndex = opIndex;
        Op = op;
        Features = features;
        Vector = vector;
        Time = time;
        Count = count;
        ShapeKey = shapeKey;
    }

    /// <summary>The network (table benchmark) the op belongs to.</summary>
    public string Benchmark { get; }
    /// <summary>Node id in that network.</summary>
    public int Node { get; }
    /// <summary>Position of the op in its node.</summary>
    public int OpIndex { get; }
    /// <summary>The op method (<c>Convolution</c>, <c>ConvApprox</c>, <c>HalfAdd</c>, …): the predictor's family.</summary>
    public string Op { get; }
    /// <summary>The op's recorded features.</summary>
    public OpFeatureRecord Features { get; }
    /// <summary><see cref="OpFeatureVector.Of"/> of the features on the table's device.</summary>
    public float[] Vector { get; }
    /// <summary>Mean time per call (ms); the mean over the table cells that measured this very op.</summary>
    public double Time { get; }
    /// <summary>How many table cells measured it (knob columns that run the same op, e.g. an add under every perforation knob).</summary>
    public int Count { get; }
    /// <summary><see cref="OpFeatureVector.ShapeKey"/>.</summary>
    public string ShapeKey { get; }
}

/// <summary>
/// Measured ops of one device, taken from lookup tables: every measured cell with features, ops measured identically in
/// several knob columns of one table merged into one sample (so a split never puts copies of an op on both sides).
/// Tables of another device, or without features, are errors naming the file.
/// </summary>
public sealed class TrainingSet
{
    private TrainingSet(ProfileDevice device, IReadOnlyList<OpSample> samples, IReadOnlyList<TrainingTable> tables, IReadOnlyList<ConversionSample> conversions,
        IReadOnlyList<NetworkSample> networks)
    {
        Device = device;
        Samples = samples;
        Tables = tables;
        Conversions = conversions;
        Networks = networks;
        Hash = ComputeHash();
    }

    /// <summary>The device every table was measured on.</summary>
    public ProfileDevice Device { get; }
    /// <summary>The merged samples, in table, node, op and first-knob order.</summary>
    public IReadOnlyList<OpSample> Samples { get; }
    /// <summary>The tables, with what each contributed.</summary>
    public IReadOnlyList<TrainingTable> Tables { get; }
    /// <summary>Measured precision conversions (f2h/h2f) with the size of the tensor converted.</summary>
    public IReadOnlyList<ConversionSample> Conversions { get; }
    /// <summary>Whole runs: per table and knob, the measured run time against the sum of its measured ops.</summary>
    public IReadOnlyList<NetworkSample> Networks { get; }
    /// <summary><c>sha256:</c> of the samples as the fitter sees them: the same tables give the same hash.</summary>
    public string Hash { get; }

    /// <summary>
    /// Collects samples from <paramref name="tables"/> (with the files they came from, for messages). Throws
    /// <see cref="PredictorException"/> (KNB0601) when tables come from different devices or none has op features.
    /// </summary>
    public static TrainingSet From(IReadOnlyList<(LookupTable Table, string File)> tables)
    {
        if (tables.Count == 0) throw new PredictorException(PredictorException.NoTrainingData, "no tables were given: fit needs at least one lookup table (.table.json) measured with op features");
        ProfileDevice device = DeviceOf(tables[0].Table);
        string key = DeviceIdentity.Key(device);
        var samples = new List<OpSample>();
        var conversions = new List<ConversionSample>();
        var infos = new List<TrainingTable>();
        var networks = new List<NetworkSample>();
        foreach ((LookupTable table, string file) in tables)
        {
            ProfileDevice d = DeviceOf(table);
            if (DeviceIdentity.Key(d) != key)
            {
                throw new PredictorException(PredictorException.NoTrainingData,
                    $"{file}: measured on {DeviceIdentity.Describe(d)}, but {tables[0].File} on {DeviceIdentity.Describe(device)}; a predictor is fitted for one device: fit one predictor per device");
            }
            if (d.Kind != ProfileDevice.Cpu && d.Kind != ProfileDevice.Gpu)
            {
                throw new PredictorException(PredictorException.NoTrainingData,
                    $"{file}: the table of {d.Kind} is modelled, not measured; fit predictors on measured tables (its model already predicts that device)");
            }
            int before = samples.Count;
            Collect(table, samples, conversions);
            networks.AddRange(NetworkSample.Of(table));
            infos.Add(new TrainingTable(file, table.Benchmark, table.Settings?.Batch ?? 0, table.Settings?.Threads ?? table.Environment?.Threads ?? 0, samples.Count - before));
        }
        if (samples.Count == 0)
        {
            throw new PredictorException(PredictorException.NoTrainingData,
                "the tables hold no measured op with features (tables from profiles older than version 2, or read from HPVM's .tensors.txt, have none): profile again with this version of Knobs");
        }
        return new TrainingSet(device, samples, infos, conversions, networks);
    }

    /// <summary>The device of <paramref name="table"/> (a version-1 table's from its environment).</summary>
    public static ProfileDevice DeviceOf(LookupTable table) =>
        table.Device ?? (table.Environment is { } e ? ProfileDevice.FromEnvironment(e) : new ProfileDevice(ProfileDevice.Cpu, "unknown"));

    /// <summary>The same set without the samples and whole runs the two tests pick (for held-out evaluation).</summary>
    public TrainingSet Without(Func<OpSample, bool> leaveOut, Func<NetworkSample, bool> leaveOutNetwork) =>
        new(Device, Samples.Where(s => !leaveOut(s)).ToList(), Tables, Conversions.Where(c => !leaveOut(c.Sample)).ToList(),
            Networks.Where(n => !leaveOutNetwork(n)).ToList());

    private static void Collect(LookupTable table, List<OpSample> samples, List<ConversionSample> conversions)
    {
        ProfileDevice device = DeviceOf(table);
        foreach (TableNode node in table.Nodes)
        {
            for (int o = 0; o < node.Ops.Count; o++)
            {
                TableOp op = node.Ops[o];
                // Cells of one op that computed exactly the same thing (same method, same features) are one op measured
                // several times: merge them, weighted by their sample counts.
                var merged = new Dictionary<string, (string Op, OpFeatureRecord F, double Sum, int Weight, int Cells)>(StringComparer.Ordinal);
                var order = new List<string>();
                foreach (TableCell? cell in op.Cells)
                {
                    if (cell?.Features is null || cell.Op is null || cell.Provenance != Provenance.Measured || !(cell.Mean > 0) || double.IsInfinity(cell.Mean)) continue;
                    string id = cell.Op + "#" + FeatureText(cell.Features);
                    int weight = Math.Max(1, cell.Time?.N ?? 1);
                    if (merged.TryGetValue(id, out var m)) merged[id] = (m.Op, m.F, m.Sum + cell.Mean * weight, m.Weight + weight, m.Cells + 1);
                    else { merged[id] = (cell.Op, cell.Features, cell.Mean * weight, weight, 1); order.Add(id); }
                }
                foreach (string id in order)
                {
                    var m = merged[id];
                    var sample = new OpSample(table.Benchmark, node.Id, o, m.Op, m.F, OpFeatureVector.Of(m.F, device), m.Sum / m.Weight, m.Cells,
                        OpFeatureVector.ShapeKey(m.Op, m.F));
                    samples.Add(sample);
                    if (m.F.Precision == "fp16")
                    {
                        if (op.F2h is { Time: > 0 } f2h) conversions.Add(new ConversionSample("f2h", sample, f2h.Time));
                        if (op.H2f is { Time: > 0 } h2f) conversions.Add(new ConversionSample("h2f", sample, h2f.Time));
                    }
                }
            }
        }
    }

    /// <summary>A canonical text of the features (the identity of an op's computation).</summary>
    internal static string FeatureText(OpFeatureRecord f)
    {
        var b = new StringBuilder();
        b.Append(f.Precision).Append(';');
        foreach (int[] i in f.Inputs) b.Append(string.Join("x", i)).Append(';');
        b.Append(string.Join("x", f.Output)).Append(';');
        b.Append(f.Window is null ? "-" : string.Join("x", f.Window)).Append(';');
        b.Append(f.Stride is null ? "-" : string.Join("x", f.Stride)).Append(';');
        b.Append(f.Padding is null ? "-" : string.Join("x", f.Padding)).Append(';');
        b.Append(f.Groups).Append(';');
        b.Append(f.Approximation is null ? "-" : string.Join("x", f.Approximation)).Append(';');
        b.Append(f.NominalFlops).Append(';').Append(f.EffectiveFlops).Append(';').Append(f.BytesRead).Append(';').Append(f.BytesWritten).Append(';');
        b.Append(f.Batch).Append(';').Append(f.Threads);
        return b.ToString();
    }

    private string ComputeHash()
    {
        var b = new StringBuilder();
        b.Append(DeviceIdentity.Key(Device)).Append('\n');
        foreach (OpSample s in Samples)
        {
            b.Append(s.Benchmark).Append('|').Append(s.Node.ToString(CultureInfo.InvariantCulture)).Append('|').Append(s.Op).Append('|')
                .Append(FeatureText(s.Features)).Append('|').Append(s.Time.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        foreach (NetworkSample n in Networks)
        {
            b.Append(n.Benchmark).Append('|').Append(n.Knob).Append('|').Append(n.Batch.ToString(CultureInfo.InvariantCulture)).Append('|')
                .Append(n.MeasuredOps.ToString("R", CultureInfo.InvariantCulture)).Append('|').Append(n.Total.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        foreach (ConversionSample c in Conversions)
        {
            b.Append(c.Kind).Append('|').Append(c.Sample.Benchmark).Append('|').Append(c.Sample.Node.ToString(CultureInfo.InvariantCulture)).Append('|')
                .Append(c.Time.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        using var sha = SHA256.Create();
        byte[] digest = sha.ComputeHash(Encoding.UTF8.GetBytes(b.ToString()));
        return "sha256:" + string.Concat(digest.Select(x => x.ToString("x2", CultureInfo.InvariantCulture)));
    }
}

/// <summary>A table a training set was built from.</summary>
public sealed record TrainingTable(string File, string Benchmark, int Batch, int Threads, int Samples);

/// <summary>A measured precision conversion (<c>f2h</c> or <c>h2f</c>) at an fp16 op: time per call (ms).</summary>
public sealed record ConversionSample(string Kind, OpSample Sample, double Time)
{
    /// <summary>Elements converted (<see cref="OpFeatureVector.ConvertedElements"/>).</summary>
    public long Elements => OpFeatureVector.ConvertedElements(Sample.Features);
}

/// <summary>
/// One knob column of a table as a whole run: its measured run time (<see cref="Total"/>, ms) against the sum of its
/// measured op cells and conversions (<see cref="MeasuredOps"/>) over <see cref="Ops"/> op calls.
/// </summary>
public sealed record NetworkSample(string Benchmark, string Knob, int Batch, int Threads, int Ops, double MeasuredOps, double Total)
{
    /// <summary>The whole-run samples of <paramref name="table"/>: every knob column with a measured total and every cell measured.</summary>
    public static IEnumerable<NetworkSample> Of(LookupTable table)
    {
        for (int k = 0; k < table.Knobs.Count; k++)
        {
            TableKnob knob = table.Knobs[k];
            if (knob.Total is not { Mean: > 0 } total) continue;
            double sum = 0;
            int ops = 0;
            bool complete = true;
            foreach (TableNode node in table.Nodes)
            {
                foreach (TableOp op in node.Ops)
                {
                    TableCell? cell = op.Cells[k];
                    if (cell is null || cell.Provenance != Provenance.Measured) { complete = false; continue; }
                    sum += cell.Mean + NetworkPredictor.ConversionsAt(op, cell);
                    ops++;
                }
            }
            if (complete && ops > 0)
                yield return new NetworkSample(table.Benchmark, knob.Key, table.Settings?.Batch ?? 0, table.Settings?.Threads ?? 0, ops, sum, total.Mean);
        }
    }
}
