using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Knobs.Tasks.Apps;

/// <summary>One benchmark of the app and its variants, as <c>app list --json</c> reports them.</summary>
internal sealed record BenchmarkListing(string Name, IReadOnlyList<string> Variants);

/// <summary>Reads the output of <c>app list --json</c>.</summary>
internal static class VariantListing
{
    /// <summary>
    /// Accepts <c>{"benchmarks":[{"name":"B","variants":["fp32_11",…]}]}</c>, a bare array of benchmarks, and
    /// variants given as strings or as objects with a <c>name</c>. Text before the JSON (a banner) is skipped.
    /// </summary>
    public static IReadOnlyList<BenchmarkListing> Parse(string output)
    {
        int start = output.IndexOfAny(new[] { '{', '[' });
        if (start < 0)
        {
            throw new FormatException("the output contains no JSON");
        }
        using JsonDocument doc = JsonDocument.Parse(output.Substring(start), new JsonDocumentOptions { AllowTrailingCommas = true });
        JsonElement root = doc.RootElement;
        JsonElement benchmarks = root.ValueKind == JsonValueKind.Array ? root
            : root.TryGetProperty("benchmarks", out JsonElement b) && b.ValueKind == JsonValueKind.Array ? b
            : throw new FormatException("expected a JSON array of benchmarks or an object with a \"benchmarks\" array");
        var result = new List<BenchmarkListing>();
        foreach (JsonElement benchmark in benchmarks.EnumerateArray())
        {
            string name = String(benchmark, "name") ?? String(benchmark, "benchmark")
                ?? throw new FormatException("a benchmark has no \"name\"");
            if (!benchmark.TryGetProperty("variants", out JsonElement variants) || variants.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"benchmark '{name}' has no \"variants\" array");
            }
            var names = variants.EnumerateArray()
                .Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : String(v, "name") ?? String(v, "variant"))
                .Select(v => v ?? throw new FormatException($"benchmark '{name}' has a variant without a name"))
                .ToList();
            result.Add(new BenchmarkListing(name, names));
        }
        return result;
    }

    private static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
