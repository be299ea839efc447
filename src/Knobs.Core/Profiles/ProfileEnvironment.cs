using System;

namespace Knobs.Profiles;

/// <summary>Where and how a profile was measured (the header's <c>environment</c> object).</summary>
public sealed class ProfileEnvironment
{
    /// <summary>Creates an environment record.</summary>
    public ProfileEnvironment(string cpuModel, int cores, string os, string dotnet, string jit, string gc,
        int threads, string backend, string knobsVersion, string meter, string? governor, string? appHash, string? host = null)
    {
        Host = host;
        CpuModel = cpuModel;
        Cores = cores;
        Os = os;
        Dotnet = dotnet;
        Jit = jit;
        Gc = gc;
        Threads = threads;
        Backend = backend;
        KnobsVersion = knobsVersion;
        Meter = meter;
        Governor = governor;
        AppHash = appHash;
    }

    /// <summary>CPU model name.</summary>
    public string CpuModel { get; }
    /// <summary>Logical cores of the machine.</summary>
    public int Cores { get; }
    /// <summary>Operating system description.</summary>
    public string Os { get; }
    /// <summary>.NET runtime version.</summary>
    public string Dotnet { get; }
    /// <summary>JIT settings (tiering, PGO).</summary>
    public string Jit { get; }
    /// <summary>GC mode.</summary>
    public string Gc { get; }
    /// <summary>Threads the tensor runtime used.</summary>
    public int Threads { get; }
    /// <summary>Tensor backend (<c>Cpu</c>, …).</summary>
    public string Backend { get; }
    /// <summary>Knobs version that measured.</summary>
    public string KnobsVersion { get; }
    /// <summary>Energy meter (<c>none</c>, <c>rapl</c>, …).</summary>
    public string Meter { get; }
    /// <summary>CPU frequency governor, when known.</summary>
    public string? Governor { get; }
    /// <summary>
    /// The machine (host or cluster node name) that measured, when recorded. Not part of <see cref="ComparisonKey"/>:
    /// identical nodes of a cluster measure comparably; the table says which rows came from which node.
    /// </summary>
    public string? Host { get; }

    /// <summary>Hash of the measured app; differs between builds, so it is not part of <see cref="ComparisonKey"/>.</summary>
    public string? AppHash { get; }

    /// <summary>
    /// The fields that make two measurements comparable: same machine, runtime, threads, backend, meter and
    /// Knobs version. The app hash is left out on purpose: re-profiling one changed template rebuilds the
    /// app, and the unchanged variants' profiles stay valid.
    /// </summary>
    public string ComparisonKey => string.Join("|", new[]
    {
        CpuModel, Cores.ToString(System.Globalization.CultureInfo.InvariantCulture), Os, Dotnet, Jit, Gc,
        Threads.ToString(System.Globalization.CultureInfo.InvariantCulture), Backend, KnobsVersion, Meter, Governor ?? "",
    });

    /// <summary>One line for humans: CPU, cores, OS, .NET, threads, backend, meter.</summary>
    public string Describe() => FormattableString.Invariant(
        $"{CpuModel}, {Cores} cores, {Os}, .NET {Dotnet}, {Threads} threads, backend {Backend}, meter {Meter}");
}
