using System.Collections.Generic;

namespace Knobs.Configurations;

/// <summary>What a configuration file is checked against, and the limits that keep reading bounded.</summary>
public sealed class ConfigurationReaderOptions
{
    /// <summary>
    /// The benchmark's nodes as lists of op names (node 1 first), e.g. from a lookup table. When null, every
    /// configuration is checked against the file's first configuration instead.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>>? Nodes { get; set; }

    /// <summary>Approx names accepted besides HPVM's (user-defined knob types).</summary>
    public IReadOnlyCollection<string>? ExtraApproxNames { get; set; }

    /// <summary>Largest file accepted, in characters. Default 256 Mi.</summary>
    public long MaxChars { get; set; } = 256L * 1024 * 1024;

    /// <summary>Longest line accepted, in characters. Default 64 Ki.</summary>
    public int MaxLineLength { get; set; } = 64 * 1024;

    /// <summary>Errors after which reading stops. Default 100.</summary>
    public int MaxErrors { get; set; } = 100;
}
