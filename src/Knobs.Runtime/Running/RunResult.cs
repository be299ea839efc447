using Knobs.Profiles;

namespace Knobs.Runtime.Running;

/// <summary>What one target produced: a profile written, or a failure.</summary>
internal sealed record RunResult(string Benchmark, string Variant, Profile? Profile, string? ProfilePath, string? Error, string? QosNote);
