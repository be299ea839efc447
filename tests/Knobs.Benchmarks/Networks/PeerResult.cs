using System.Text.Json.Serialization;

namespace Knobs.Benchmarks.Networks;

/// <summary>One JSON line a peer script prints: a (batch, threads) measurement.</summary>
internal sealed record PeerResult(
    [property: JsonPropertyName("peer")] string Peer,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("net")] string Net,
    [property: JsonPropertyName("batch")] int Batch,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("median_ms")] double MedianMs,
    [property: JsonPropertyName("mean_ms")] double MeanMs,
    [property: JsonPropertyName("iterations")] int Iterations);
