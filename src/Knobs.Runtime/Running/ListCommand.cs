using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Knobs.Runtime.Running;

/// <summary><c>app list [--json]</c>: benchmarks, their nodes and their variants.</summary>
internal static class ListCommand
{
    public static int Execute(IBenchmarkRegistry registry, bool json, TextWriter output)
    {
        if (json) WriteJson(registry, output);
        else WriteText(registry, output);
        return Runner.ExitSuccess;
    }

    private static void WriteText(IBenchmarkRegistry registry, TextWriter output)
    {
        if (registry.Benchmarks.Count == 0)
        {
            output.WriteLine("No benchmarks: mark a partial class with [KnobBenchmark] and give it Run(Tensor) and Input(int batch).");
            return;
        }
        foreach (BenchmarkDescriptor b in registry.Benchmarks)
        {
            // Node and op names come from the template and knob tables: escaped, so each stays on its line.
            output.WriteLine(ConsoleText.Escape($"{b.Name} ({(b.Classifier ? "classifier" : "not a classifier")}, {b.Nodes.Count} nodes, {b.Variants.Count} variants)"));
            foreach (NodeDescriptor n in b.Nodes)
            {
                output.WriteLine(ConsoleText.Escape($"  node {n.Id} {n.Name}: {string.Join(" ", n.OpKinds)}"));
            }
            output.WriteLine(ConsoleText.Escape("  variants: " + string.Join(" ", b.Variants)));
        }
    }

    private static void WriteJson(IBenchmarkRegistry registry, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("knobsVersion", KnobsCoreInfo.Version);
            w.WriteStartArray("benchmarks");
            foreach (BenchmarkDescriptor b in registry.Benchmarks)
            {
                w.WriteStartObject();
                w.WriteString("name", b.Name);
                w.WriteBoolean("classifier", b.Classifier);
                w.WriteStartArray("nodes");
                foreach (NodeDescriptor n in b.Nodes)
                {
                    w.WriteStartObject();
                    w.WriteNumber("id", n.Id);
                    w.WriteString("name", n.Name);
                    w.WriteStartArray("ops");
                    foreach (string kind in n.OpKinds) w.WriteStringValue(kind);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("knobs");
                foreach (KnobInfo k in b.Knobs)
                {
                    w.WriteStartObject();
                    w.WriteNumber("id", k.Id);
                    w.WriteString("name", k.Name);
                    w.WriteString("approx", k.ApproxType);
                    w.WriteStartArray("parameters");
                    foreach (string p in k.Parameters) w.WriteStringValue(p);
                    w.WriteEndArray();
                    if (double.IsFinite(k.Speedup)) w.WriteNumber("speedup", k.Speedup);
                    else w.WriteNull("speedup");
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("variants");
                foreach (string v in b.Variants) w.WriteStringValue(v);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        output.WriteLine(new System.Text.UTF8Encoding(false).GetString(buffer.ToArray()));
    }
}
