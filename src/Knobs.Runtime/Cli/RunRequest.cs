using System;
using System.Collections.Generic;
using Knobs.Runtime.Measurement;

namespace Knobs.Runtime.Cli;

/// <summary>The validated options of <c>app run</c>.</summary>
internal sealed record RunRequest(
    string? Benchmark,
    IReadOnlyList<string>? Variants,
    string? ConfigFile,
    int? ConfigIndex,
    MeasureSettings Measure,
    int? Threads,
    string OutDir,
    string Meter,
    bool Quiet,
    string? Paired = null,
    string? Accelerator = null)
{
    /// <summary>Where profiles go when <c>--out</c> is not given.</summary>
    public const string DefaultOutDir = "knobs-profiles";
}

/// <summary>A command-line mistake: one line for the user, exit code 2, nothing written.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message, string id = RuntimeDiagnostics.BadArgument) : base(message) => Id = id;

    /// <summary>The diagnostic id printed with the message.</summary>
    public string Id { get; }

    /// <summary>The message is already one or more complete diagnostic lines (file, line, id), printed as they are.</summary>
    public bool Preformatted { get; init; }
}
