using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Knobs.Profiles;

namespace Knobs.Predictors;

/// <summary>
/// Reads and writes predictor files (<c>*.predictor.json</c>, docs/formats.md "Predictor"): versioned JSON data, no code
/// and no serialized library objects. Writing is deterministic (the same predictor gives the same bytes) and atomic.
/// </summary>
public static class PredictorFile
{
    /// <summary>The <c>format</c> field.</summary>
    public const string FormatName = "knobs-predictor";
    /// <summary>The version written.</summary>
    public const int Version = 1;
    /// <summary>The largest predictor file read (256 MB).</summary>
    public const long MaxLength = 256L * 1024 * 1024;

    /// <summary>Writes <paramref name="predictor"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, Predictor predictor) => AtomicFile.WriteAllText(path, ToText(predictor));

    /// <summary>The file's text.</summary>
    public static string ToText(Predictor p)
    {
        var b = new StringBuilder();
        b.Append("{\n");
        b.Append("  \"format\": ").Append(Str(FormatName)).Append(",\n");
        b.Append("  \"version\": ").Append(Version.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        b.Append("  \"device\": {\"kind\": ").Append(Str(p.Device.Kind)).Append(", \"name\": ").Append(Str(p.Device.Name)).Append(", \"properties\": {")
            .Append(string.Join(", ", p.Device.Properties.Select(kv => Str(kv.Key) + ": " + Str(kv.Value)))).Append("}},\n");
        PredictorTraining t = p.Training;
        b.Append("  \"training\": {\"dataHash\": ").Append(Str(t.DataHash)).Append(", \"samples\": ").Append(Int(t.Samples))
            .Append(", \"model\": ").Append(Str(t.Model)).Append(", \"seed\": ").Append(Int(t.Seed)).Append(", \"tables\": [");
        for (int i = 0; i < t.Tables.Count; i++)
        {
            TrainingTable tt = t.Tables[i];
            b.Append(i == 0 ? "\n" : ",\n").Append("    {\"file\": ").Append(Str(tt.File)).Append(", \"benchmark\": ").Append(Str(tt.Benchmark))
                .Append(", \"batch\": ").Append(Int(tt.Batch)).Append(", \"threads\": ").Append(Int(tt.Threads)).Append(", \"samples\": ").Append(Int(tt.Samples)).Append('}');
        }
        b.Append("]},\n");
        b.Append("  \"features\": [").Append(string.Join(", ", OpFeatureVector.Names.Select(Str))).Append("],\n");
        b.Append("  \"run\": {\"scale\": ").Append(Num(p.Run.Scale)).Append(", \"perOpMs\": ").Append(Num(p.Run.PerOpMs)).Append(", \"samples\": ").Append(Int(p.Run.Samples)).Append("},\n");
        b.Append("  \"conversions\": [");
        for (int i = 0; i < p.Conversions.Count; i++)
        {
            ConversionModel c = p.Conversions[i];
            b.Append(i == 0 ? "" : ", ").Append("{\"kind\": ").Append(Str(c.Kind)).Append(", \"fixedMs\": ").Append(Num(c.FixedMs))
                .Append(", \"msPerMegaElement\": ").Append(Num(c.MsPerMegaElement)).Append(", \"samples\": ").Append(Int(c.Samples)).Append('}');
        }
        b.Append("],\n");
        b.Append("  \"families\": [");
        IReadOnlyList<FamilyModel> families = p.Families;
        for (int i = 0; i < families.Count; i++)
        {
            FamilyModel f = families[i];
            b.Append(i == 0 ? "\n" : ",\n");
            b.Append("    {\"op\": ").Append(Str(f.Op)).Append(", \"samples\": ").Append(Int(f.Samples)).Append(",\n");
            b.Append("     \"prior\": {\"fixedMs\": ").Append(Num(f.Prior.FixedMs)).Append(", \"msPerGflop\": ").Append(Num(f.Prior.MsPerGflop))
                .Append(", \"msPerMegabyte\": ").Append(Num(f.Prior.MsPerMegabyte)).Append("},\n");
            b.Append("     \"low\": [").Append(string.Join(", ", f.Low.Select(Flt))).Append("],\n");
            b.Append("     \"high\": [").Append(string.Join(", ", f.High.Select(Flt))).Append("],\n");
            b.Append("     \"bias\": ").Append(Num(f.Trees.Bias)).Append(", \"trees\": [");
            for (int j = 0; j < f.Trees.Trees.Count; j++)
            {
                RegressionTree tree = f.Trees.Trees[j];
                b.Append(j == 0 ? "\n" : ",\n").Append("      {\"weight\": ").Append(Num(tree.Weight))
                    .Append(", \"feature\": [").Append(string.Join(",", tree.Feature.Select(Int))).Append(']')
                    .Append(", \"threshold\": [").Append(string.Join(",", tree.Threshold.Select(Flt))).Append(']')
                    .Append(", \"left\": [").Append(string.Join(",", tree.Left.Select(Int))).Append(']')
                    .Append(", \"right\": [").Append(string.Join(",", tree.Right.Select(Int))).Append(']')
                    .Append(", \"leaf\": [").Append(string.Join(",", tree.Leaf.Select(Num))).Append("]}");
            }
            b.Append("]}");
        }
        b.Append("]\n}\n");
        return b.ToString();
    }

    /// <summary>Reads the predictor at <paramref name="path"/>; KNB0602 for anything that is not a readable predictor file.</summary>
    public static Predictor Read(string path)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new PredictorException(PredictorException.BadFile, $"{path}: no such predictor file: give the file 'knobs fit' wrote (-o)");
            if (info.Length > MaxLength) throw new PredictorException(PredictorException.BadFile, $"{path}: larger than 256 MB, so not a predictor file");
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PredictorException(PredictorException.BadFile, $"{path}: cannot be read: {e.Message}");
        }
        return Parse(text, path);
    }

    /// <summary>Parses predictor JSON; <paramref name="file"/> names it in errors.</summary>
    public static Predictor Parse(string json, string file)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new PredictorException(PredictorException.BadFile, $"{file}({(e.LineNumber ?? 0) + 1}): malformed JSON: {e.Message} Fit the predictor again (knobs fit).");
        }
        using (doc)
        {
            var r = new Reader(file);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out JsonElement fmt) || fmt.ValueKind != JsonValueKind.String || fmt.GetString() != FormatName)
                throw r.Fail("", $"not a Knobs predictor: expected \"format\": \"{FormatName}\"");
            int version = r.Int(root, "version", "");
            if (version < 1 || version > Version)
                throw r.Fail("version", $"predictor format version {version} is not supported (this Knobs reads version 1 to {Version}); fit the predictor again with this version");
            string[] names = r.Array(root, "features", "").Select((e, i) => r.String(e, $"features[{i}]")).ToArray();
            if (!names.SequenceEqual(OpFeatureVector.Names))
                throw r.Fail("features", $"the feature list differs from this Knobs version's ({string.Join(", ", OpFeatureVector.Names)}); fit the predictor again with this version");
            JsonElement dev = r.Object(root, "device", "");
            var properties = new List<KeyValuePair<string, string>>();
            foreach (JsonProperty prop in r.Object(dev, "properties", "device").EnumerateObject())
                properties.Add(new KeyValuePair<string, string>(prop.Name, r.String(prop.Value, "device.properties." + prop.Name)));
            string kind = r.String(r.Get(dev, "kind", "device"), "device.kind");
            if (!ProfileDevice.IsKind(kind)) throw r.Fail("device.kind", $"'{kind}' is not a device kind (cpu, gpu or accel:<name>)");
            var device = new ProfileDevice(kind, r.String(r.Get(dev, "name", "device"), "device.name"), properties);

            JsonElement tr = r.Object(root, "training", "");
            var tables = r.Array(tr, "tables", "training").Select((e, i) =>
            {
                string at = $"training.tables[{i}]";
                return new TrainingTable(r.String(r.Get(e, "file", at), at + ".file"), r.String(r.Get(e, "benchmark", at), at + ".benchmark"),
                    r.Int(e, "batch", at), r.Int(e, "threads", at), r.Int(e, "samples", at));
            }).ToList();
            var training = new PredictorTraining(r.String(r.Get(tr, "dataHash", "training"), "training.dataHash"), r.Int(tr, "samples", "training"), tables,
                r.String(r.Get(tr, "model", "training"), "training.model"), r.Int(tr, "seed", "training"));

            JsonElement run = r.Object(root, "run", "");
            var runModel = new RunModel(r.Number(run, "scale", "run"), r.Number(run, "perOpMs", "run"), r.Int(run, "samples", "run"));
            if (!(runModel.Scale > 0) || runModel.PerOpMs < 0) throw r.Fail("run", "the run model's scale is positive and its per-op time non-negative");
            var conversions = r.Array(root, "conversions", "").Select((e, i) =>
            {
                string at = $"conversions[{i}]";
                var c = new ConversionModel(r.String(r.Get(e, "kind", at), at + ".kind"), r.Number(e, "fixedMs", at), r.Number(e, "msPerMegaElement", at), r.Int(e, "samples", at));
                if (c.Kind is not ("f2h" or "h2f")) throw r.Fail(at + ".kind", $"'{c.Kind}' is not a conversion (f2h or h2f)");
                if (c.FixedMs < 0 || c.MsPerMegaElement < 0) throw r.Fail(at, "a conversion's coefficients are non-negative");
                return c;
            }).ToList();
            var families = r.Array(root, "families", "").Select((e, i) => ReadFamily(r, e, $"families[{i}]")).ToList();
            try
            {
                return new Predictor(device, training, families, conversions, runModel);
            }
            catch (ArgumentException e)
            {
                throw r.Fail("families", e.Message);
            }
        }
    }

    private static FamilyModel ReadFamily(Reader r, JsonElement e, string at)
    {
        string op = r.String(r.Get(e, "op", at), at + ".op");
        JsonElement pr = r.Object(e, "prior", at);
        RooflinePrior prior;
        try
        {
            prior = new RooflinePrior(r.Number(pr, "fixedMs", at + ".prior"), r.Number(pr, "msPerGflop", at + ".prior"), r.Number(pr, "msPerMegabyte", at + ".prior"));
        }
        catch (ArgumentOutOfRangeException)
        {
            throw r.Fail(at + ".prior", "a prior's coefficients are finite and non-negative");
        }
        float[] low = r.Floats(e, "low", at), high = r.Floats(e, "high", at);
        var trees = r.Array(e, "trees", at).Select((t, j) =>
        {
            string tat = $"{at}.trees[{j}]";
            try
            {
                return new RegressionTree(r.Number(t, "weight", tat), r.Ints(t, "feature", tat), r.Floats(t, "threshold", tat), r.Ints(t, "left", tat),
                    r.Ints(t, "right", tat), r.Numbers(t, "leaf", tat), OpFeatureVector.Names.Count);
            }
            catch (ArgumentException x)
            {
                throw r.Fail(tat, x.Message);
            }
        }).ToList();
        try
        {
            return new FamilyModel(op, prior, new TreeEnsemble(r.Number(e, "bias", at), trees), r.Int(e, "samples", at), low, high);
        }
        catch (ArgumentException x)
        {
            throw r.Fail(at, x.Message);
        }
    }

    private static string Str(string s) => JsonSerializer.Serialize(s);
    private static string Int(int x) => x.ToString(CultureInfo.InvariantCulture);
    private static string Num(double x) => Knobs.Tables.TableText.Number(x);
    private static string Flt(float x) => x.ToString("R", CultureInfo.InvariantCulture);

    // Field access that names the file and the JSON path of anything missing or of the wrong type.
    private sealed class Reader
    {
        private readonly string _file;

        public Reader(string file) => _file = file;

        public PredictorException Fail(string path, string problem) =>
            new(PredictorException.BadFile, $"{_file}: {(path.Length == 0 ? "" : path + ": ")}{problem}. The file is damaged or not a predictor: fit it again (knobs fit).");

        public JsonElement Get(JsonElement e, string name, string at)
        {
            string path = at.Length == 0 ? name : at + "." + name;
            if (e.ValueKind != JsonValueKind.Object) throw Fail(at, "expected an object");
            return e.TryGetProperty(name, out JsonElement v) ? v : throw Fail(path, "missing");
        }

        public JsonElement Object(JsonElement e, string name, string at)
        {
            JsonElement v = Get(e, name, at);
            return v.ValueKind == JsonValueKind.Object ? v : throw Fail(Join(at, name), "expected an object");
        }

        public IEnumerable<JsonElement> Array(JsonElement e, string name, string at)
        {
            JsonElement v = Get(e, name, at);
            return v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToList() : throw Fail(Join(at, name), "expected an array");
        }

        public string String(JsonElement v, string path) => v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Fail(path, "expected a string");

        public int Int(JsonElement e, string name, string at)
        {
            JsonElement v = Get(e, name, at);
            return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int x) ? x : throw Fail(Join(at, name), "expected an integer");
        }

        public double Number(JsonElement e, string name, string at) => Double(Get(e, name, at), Join(at, name));

        public float[] Floats(JsonElement e, string name, string at) =>
            Array(e, name, at).Select((v, i) => v.ValueKind == JsonValueKind.Number && v.TryGetSingle(out float x) && !float.IsNaN(x) && !float.IsInfinity(x)
                ? x : throw Fail($"{Join(at, name)}[{i}]", "expected a finite number")).ToArray();

        public double[] Numbers(JsonElement e, string name, string at) => Array(e, name, at).Select((v, i) => Double(v, $"{Join(at, name)}[{i}]")).ToArray();

        public int[] Ints(JsonElement e, string name, string at) =>
            Array(e, name, at).Select((v, i) => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int x) ? x : throw Fail($"{Join(at, name)}[{i}]", "expected an integer")).ToArray();

        private double Double(JsonElement v, string path) =>
            v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double x) && !double.IsNaN(x) && !double.IsInfinity(x) ? x : throw Fail(path, "expected a finite number");

        private static string Join(string at, string name) => at.Length == 0 ? name : at + "." + name;
    }
}
