namespace Knobs.Benchmarks.Kernels;

/// <summary>One measured comparison: a kernel on Knobs' Cpu backend and on the peer, same shape, same run.</summary>
internal sealed record KernelRow(string Group, string Name, int Batch, int Threads, double Flops, double KnobsSeconds, double? PeerSeconds, string PeerNote)
{
    public double KnobsGflops => Flops / KnobsSeconds / 1e9;
    public double? PeerGflops => PeerSeconds is double p ? Flops / p / 1e9 : null;

    /// <summary>Peer time / Knobs time: above 1 means Knobs is faster.</summary>
    public double? Ratio => PeerSeconds is double p ? p / KnobsSeconds : null;
}
