using System.Collections.Generic;
using System.Linq;
using Knobs.Tasks.Launching.Slurm;
using Knobs.Tasks.Tests.Profiling;

namespace Knobs.Tasks.Tests.Launching;

/// <summary>KnobsScheduler and the KnobsSlurm* properties as the tasks read them, and what Slurm's commands print.</summary>
public class SlurmSettingsTests
{
    private static (bool Ok, SlurmOptions? Options, CollectingLog Log) Read(string? scheduler, string? arguments = null, string? retries = null,
        string? partition = null, string? exclusive = null, string? parallel = null, string? shared = null)
    {
        var log = new CollectingLog();
        bool ok = TaskValues.TryReadSlurm(log, scheduler, shared, "/p/slurm", partition, null, arguments, parallel, retries, exclusive, null, out SlurmOptions? options);
        return (ok, options, log);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("local")]
    public void AnEmptyOrLocalSchedulerRunsHere(string? scheduler)
    {
        var (ok, options, _) = Read(scheduler);
        Assert.True(ok);
        Assert.Null(options);
    }

    [Fact]
    public void SlurmHasItsDefaults()
    {
        var (ok, options, _) = Read("slurm");
        Assert.True(ok);
        Assert.Equal("/p/slurm", options!.SharedDirectory);
        Assert.Equal(2, options.Retries);
        Assert.True(options.Exclusive);
        Assert.Null(options.MaxParallel);
        Assert.Null(options.Partition);
        Assert.Empty(options.ExtraArguments);
    }

    [Fact]
    public void AnUnknownSchedulerIsKnb0414()
    {
        var (ok, _, log) = Read("pbs");
        Assert.False(ok);
        Assert.Equal("KNB0414", Assert.Single(log.Errors).Code);
        Assert.Contains("Use local", log.Errors[0].Message);
    }

    [Theory]
    [InlineData("11")]
    [InlineData("-1")]
    [InlineData("two")]
    public void RetriesOutOfRangeAreKnb0414(string retries)
    {
        var (ok, _, log) = Read("slurm", retries: retries);
        Assert.False(ok);
        Assert.Contains("KnobsSlurmRetries", Assert.Single(log.Errors).Message);
    }

    [Theory]
    [InlineData("gpu partition")]
    [InlineData("a;b")]
    [InlineData("$(x)")]
    public void APartitionThatIsNoSlurmNameIsKnb0414(string partition)
    {
        var (ok, _, log) = Read("slurm", partition: partition);
        Assert.False(ok);
        Assert.Contains("KnobsSlurmPartition", Assert.Single(log.Errors).Message);
    }

    [Fact]
    public void SeveralPartitionsAreOneList()
    {
        Assert.Equal("fast,slow", Read("slurm", partition: "fast,slow").Options!.Partition);
    }

    [Fact]
    public void ExclusiveIsTrueOrFalse()
    {
        Assert.False(Read("slurm", exclusive: "false").Options!.Exclusive);
        Assert.False(Read("slurm", exclusive: "yes").Ok);
    }

    [Fact]
    public void ArgumentsAreWordsAndQuotesKeepBlanks()
    {
        var (ok, options, _) = Read("slurm", arguments: " --qos=short  --constraint='avx512&ib' --comment=\"two words\" ");
        Assert.True(ok);
        Assert.Equal(new[] { "--qos=short", "--constraint=avx512&ib", "--comment=two words" }, options!.ExtraArguments);
    }

    [Theory]
    [InlineData("--array=0-3", "--array")]
    [InlineData("-a0-3", "-a")]
    [InlineData("--output=x.out", "--output")]
    [InlineData("-o x.out", "-o")]
    [InlineData("--wrap=hostname", "--wrap")]
    [InlineData("--chdir=/tmp", "--chdir")]
    public void OptionsKnobsSetsItselfAreRefused(string arguments, string option)
    {
        var (ok, _, log) = Read("slurm", arguments: arguments);
        Assert.False(ok);
        Assert.Contains("Knobs sets " + option + " itself", Assert.Single(log.Errors).Message);
    }

    [Fact]
    public void AWordThatIsNoOptionOrAnOpenQuoteIsRefused()
    {
        Assert.Contains("not an sbatch option", Read("slurm", arguments: "--qos short").Log.Errors.Single().Message);
        Assert.Contains("never closed", Read("slurm", arguments: "--comment='x").Log.Errors.Single().Message);
    }

    [Fact]
    public void TheQueueIsReadPerArrayTask()
    {
        IReadOnlyDictionary<string, SlurmTaskState> q = SlurmCommands.ParseQueue("12_0|RUNNING|node3|None\n12_1|PENDING||Resources\n\n");
        Assert.Equal(new[] { "12_0", "12_1" }, q.Keys.OrderBy(k => k));
        Assert.Equal("node3", q["12_0"].Node);
        Assert.True(q["12_1"].Active);
        Assert.Null(q["12_1"].Node);
    }

    [Fact]
    public void ScontrolTellsHowATaskEnded()
    {
        SlurmTaskState? s = SlurmCommands.ParseShowJob("JobId=40 ArrayJobId=38 ArrayTaskId=2 JobName=knobs JobState=CANCELLED Reason=None ExitCode=0:15 NodeList=vm BatchHost=vm");
        Assert.Equal(new SlurmTaskState("CANCELLED", "0:15", "vm", "None"), s);
        Assert.False(s!.Active);
        Assert.Null(SlurmCommands.ParseShowJob("slurm_load_jobs error: Invalid job id specified"));
    }

    [Theory]
    [InlineData("sinfo: error: Munge encode failed: Failed to access \"/run/munge/munge.socket.2\"", "munged")]
    [InlineData("slurm_load_partitions: Unable to contact slurm controller (connect failure)", "start slurmctld")]
    [InlineData("sinfo: fatal: Could not establish a configuration source", "SLURM_CONF")]
    public void AFailedCommandSaysWhatToStart(string output, string advice)
    {
        Assert.Contains(advice, SlurmCommands.WhatToStart(output));
    }

    [Theory]
    [InlineData("12_0", true)]
    [InlineData("4294967296_999", true)]
    [InlineData("12", false)]
    [InlineData("12_0 13_0", false)]
    [InlineData("-1_0", false)]
    [InlineData("12_0\nrm", false)]
    public void OnlyAJobAndTaskNumberInAJobFileIsWaitedFor(string id, bool waited)
    {
        Assert.Equal(waited, SlurmTaskId.IsWellFormed(id));
    }
}
