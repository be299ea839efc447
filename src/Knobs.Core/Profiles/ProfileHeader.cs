using Knobs.KnobTables;

namespace Knobs.Profiles;

/// <summary>The first line of a profile: what was measured, how, and where.</summary>
public sealed class ProfileHeader
{
    /// <summary>The value of the <c>format</c> field that marks a Knobs profile.</summary>
    public const string FormatName = "knobs-profile";

    /// <summary>The profile format version this code writes.</summary>
    public const int CurrentVersion = 2;

    /// <summary>The oldest profile format version this code reads (version 1 has no device and no op features).</summary>
    public const int OldestVersion = 1;

    /// <summary>Creates a header; without <paramref name="device"/>, the CPU its environment describes.</summary>
    public ProfileHeader(string benchmark, string variant, ProfileKnob? knob, ProfileConfiguration? configuration,
        ProfileSettings settings, ProfileEnvironment environment, string startedUtc, ProfileDevice? device = null, int version = CurrentVersion)
    {
        Device = device ?? ProfileDevice.FromEnvironment(environment);
        Version = version;
        Benchmark = benchmark;
        Variant = variant;
        Knob = knob;
        Configuration = configuration;
        Settings = settings;
        Environment = environment;
        StartedUtc = startedUtc;
    }

    /// <summary>Template class name.</summary>
    public string Benchmark { get; }
    /// <summary>Variant name as <c>app list</c> shows it, or a configuration name.</summary>
    public string Variant { get; }
    /// <summary>The knob of a variant run; null for a configuration run.</summary>
    public ProfileKnob? Knob { get; }
    /// <summary>The configuration of a <c>run --config</c> run; null otherwise.</summary>
    public ProfileConfiguration? Configuration { get; }
    /// <summary>Measurement settings.</summary>
    public ProfileSettings Settings { get; }
    /// <summary>Measurement environment.</summary>
    public ProfileEnvironment Environment { get; }
    /// <summary>The device the ops ran on.</summary>
    public ProfileDevice Device { get; }
    /// <summary>The format version the profile was read from (<see cref="CurrentVersion"/> for a new one).</summary>
    public int Version { get; }
    /// <summary>Start time, ISO 8601 UTC (<c>2026-11-21T10:00:00Z</c>).</summary>
    public string StartedUtc { get; }
}

/// <summary>A knob as recorded in a profile header.</summary>
public sealed class ProfileKnob
{
    /// <summary>Creates a knob reference.</summary>
    public ProfileKnob(string name, int id)
    {
        Name = name;
        Id = id;
    }

    /// <summary>Approx name (<c>fp32</c>, <c>perf</c>, …).</summary>
    public string Name { get; }
    /// <summary>Knob id (11 for fp32, 12 for fp16, 121 …).</summary>
    public int Id { get; }

    /// <summary>The knob's identity (approx kind and id).</summary>
    public KnobIdentity Identity => new(Name, Id);
}
