using System;
using System.Collections.Generic;

namespace Knobs.Tasks.Launching.Slurm;

/// <summary>
/// How runs go to Slurm (the <c>KnobsSlurm*</c> properties, checked by <see cref="TaskValues.TryReadSlurm"/>): the shared
/// folder every node sees, the partition and account, extra <c>sbatch</c> options, how many tasks may run at once,
/// how often a failed task is submitted again, whether tasks get whole nodes, and the dotnet host on the nodes.
/// </summary>
internal sealed record SlurmOptions(string SharedDirectory)
{
    /// <summary>Most retries of one task (<c>KnobsSlurmRetries</c>); the same number is in Knobs.Validation.targets.</summary>
    public const int MaxRetries = 10;

    /// <summary>Most array tasks running at once (<c>KnobsSlurmMaxParallel</c>); the same number is in Knobs.Validation.targets.</summary>
    public const int MaxParallelLimit = 99_999;

    /// <summary>Tasks per submitted array: below Slurm's default MaxArraySize (1001).</summary>
    public const int MaxArrayTasks = 1000;

    /// <summary>The default <c>KnobsSlurmRetries</c>.</summary>
    public const int DefaultRetries = 2;

    /// <summary><c>--partition</c>; null: the cluster's default.</summary>
    public string? Partition { get; init; }

    /// <summary><c>--account</c>; null: the user's default.</summary>
    public string? Account { get; init; }

    /// <summary>More <c>sbatch</c> options, one word each (<c>--constraint=avx512</c>, <c>--qos=short</c>).</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = Array.Empty<string>();

    /// <summary>The array's <c>%N</c> throttle; null: as many as the cluster gives.</summary>
    public int? MaxParallel { get; init; }

    /// <summary>How many times a failed or killed task is submitted again before it is reported.</summary>
    public int Retries { get; init; } = DefaultRetries;

    /// <summary><c>--exclusive</c>: each task has its node to itself, so measurements do not share cores.</summary>
    public bool Exclusive { get; init; } = true;

    /// <summary>The dotnet host the nodes run a framework-dependent app with; null: the build's own host.</summary>
    public string? Dotnet { get; init; }

    /// <summary>How often the shared folder is checked for ended tasks.</summary>
    public TimeSpan FilePoll { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often the queue is read (to notice tasks that ended without a word: killed, timed out, node lost).</summary>
    public TimeSpan QueuePoll { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>At most how often a progress line is logged while nothing ends.</summary>
    public TimeSpan ProgressEvery { get; init; } = TimeSpan.FromSeconds(30);
}
