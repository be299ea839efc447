using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Knobs.Tasks.Apps;
using Knobs.Tasks.Profiling;

namespace Knobs.Tasks.Tests.Profiling;

/// <summary>A stored profile is reused only when its header says it measured this benchmark, variant and settings.</summary>
public class StoredProfileTests
{
    private static readonly RunSettings Settings = new("PerTensor", 5, null, null, null);

    private static ProfilingOutcome Profile(FakeApp app, CollectingLog log, RunSettings? settings = null)
    {
        var command = new AppCommand(app.AppPath);
        var listing = VariantListing.Parse(command.Run(new[] { "list", "--json" }, TimeSpan.FromSeconds(30)).StandardOutput);
        var profiler = new VariantProfiler(command, new ProfileStore(app.ProfileDirectory), settings ?? Settings, TimeSpan.FromSeconds(30), log);
        return profiler.Run(listing, new VariantFilter(null), new Dictionary<string, string> { ["A"] = "a1" }, force: false);
    }

    private static string PathOf(FakeApp app, string variant) => Path.Combine(app.ProfileDirectory, "A", variant + ".profile.jsonl");

    [Fact]
    public void ForeignProfileInTheStoreIsMeasuredAgain()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "perf_121" }));
        Profile(app, new CollectingLog());
        // Someone copies another variant's profile over perf_121's (the key file still matches).
        File.Copy(PathOf(app, "fp32_11"), PathOf(app, "perf_121"), overwrite: true);
        app.ClearRuns();
        var log = new CollectingLog();

        ProfilingOutcome outcome = Profile(app, log);

        Assert.Equal(new[] { "A/perf_121" }, app.Runs);
        Assert.Equal(1, outcome.Reused);
        Assert.Contains(log.Details, d => d.Contains("A/perf_121: the stored profile is stale", StringComparison.Ordinal) && d.Contains("it is a profile of A/fp32_11", StringComparison.Ordinal));
        Assert.Empty(log.Warnings);
        Assert.Empty(log.Errors);
    }

    [Fact]
    public void AProfileMeasuredInASpellOfTheMachineIsMeasuredAgainNotReused()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "perf_121" }));
        Profile(app, new CollectingLog());
        // perf_121's runner measured three times and every measurement ran in a spell: it kept the steadiest and said so.
        Knobs.Profiles.Profile stored = Knobs.Profiles.ProfileReader.Read(PathOf(app, "perf_121"));
        Knobs.Profiles.SummaryRecord s = stored.Summary;
        var paired = new Knobs.Profiles.PairedBaseline("fp32_11", Knobs.Profiles.PairedBaseline.AbbaOrder, s.Time, s.Time,
            "fp32_11's median time differed 1.60x between the fastest and slowest quarter of the 40 pairs (limit 1.25x)",
            new[] { "attempt 1: …", "attempt 2: …" });
        File.WriteAllText(PathOf(app, "perf_121"), Knobs.Profiles.ProfileWriter.ToText(new Knobs.Profiles.Profile(stored.Header, stored.Ops, stored.Qos,
            new Knobs.Profiles.SummaryRecord(s.Time, s.Energy, s.Iterations, s.Failed, s.Error, paired))));
        app.ClearRuns();
        var log = new CollectingLog();

        ProfilingOutcome outcome = Profile(app, log);

        Assert.Equal(new[] { "A/perf_121" }, app.Runs);
        Assert.Equal(1, outcome.Reused);
        Assert.Contains(log.Details, d => d.Contains("A/perf_121: the stored profile is stale", StringComparison.Ordinal)
            && d.Contains("it was measured in a spell of the machine (fp32_11's median time differed 1.60x", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"batch\":1", "\"batch\":4", "batch 4, not 1")]
    [InlineData("\"iterations\":5,", "\"iterations\":50,", "iterations=50, not 5")]
    [InlineData("\"threads\":1,\"backend\"", "\"threads\":3,\"backend\"", null)]
    public void ProfileMeasuredWithOtherSettingsIsMeasuredAgain(string from, string to, string? why)
    {
        using var app = new FakeApp(("A", new[] { "fp32_11" }));
        Profile(app, new CollectingLog());
        string text = File.ReadAllText(PathOf(app, "fp32_11"));
        Assert.Contains(from, text);
        File.WriteAllText(PathOf(app, "fp32_11"), text.Replace(from, to));
        app.ClearRuns();
        var log = new CollectingLog();

        Profile(app, log, why is null ? Settings with { Threads = 1 } : Settings);

        Assert.Equal(new[] { "A/fp32_11" }, app.Runs);
        if (why is not null)
        {
            Assert.Contains(log.Details, d => d.Contains(why, StringComparison.Ordinal));
        }
    }

    public static IEnumerable<object[]> Unreadable() => new[]
    {
        new object[] { "lone surrogate", Encoding.UTF8.GetBytes("{\"type\":\"header\",\"format\":\"knobs-profile\",\"version\":1,\"benchmark\":\"\\ud800\"}\n") },
        new object[] { "truncated", null! },
        new object[] { "binary", new byte[] { 0, 1, 2, 0xff, 0xfe, 0x80, 0x81, 10, 0 } },
        new object[] { "empty", Array.Empty<byte>() },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void UnreadableProfileIsMeasuredAgainWithoutCrashingOrBlockingLaterRuns(string kind, byte[]? content)
    {
        using var app = new FakeApp(("A", new[] { "fp32_11", "perf_121" }));
        Profile(app, new CollectingLog());
        string path = PathOf(app, "perf_121");
        byte[] whole = File.ReadAllBytes(path);
        File.WriteAllBytes(path, content ?? whole.Take(whole.Length / 2).ToArray());
        app.ClearRuns();
        var log = new CollectingLog();

        ProfilingOutcome outcome = Profile(app, log);

        Assert.Equal(new[] { "A/perf_121" }, app.Runs);
        Assert.Equal(0, outcome.Failed);
        Assert.Contains(log.Details, d => d.Contains("A/perf_121: the stored profile is stale and is measured again: it cannot be read", StringComparison.Ordinal));
        Assert.True(log.Details.All(d => !d.Contains('\n') && !d.Contains('\0')), kind);

        app.ClearRuns();
        Profile(app, new CollectingLog());
        Assert.Empty(app.Runs);
    }

    [Fact]
    public void ProfileStoreKeepsUnsafeNamesInsideItsFolder()
    {
        using var app = new FakeApp(("A", new[] { "fp32_11" }));
        var store = new ProfileStore(app.ProfileDirectory);
        foreach (string name in new[] { "..", ".", "../../x", "a/b", "a\nb", new string('v', 300) })
        {
            string path = store.ProfilePath(name, name);
            Assert.StartsWith(store.Directory + Path.DirectorySeparatorChar, path);
            Assert.Equal(store.Directory, Path.GetDirectoryName(Path.GetDirectoryName(path)));
            Assert.True(Path.GetFileName(path).Length < 255);
            Assert.StartsWith(store.Directory + Path.DirectorySeparatorChar, store.RunFolder(name, name));
        }
        Assert.NotEqual(store.ProfilePath("A", "a/b"), store.ProfilePath("A", "a_b"));
        Assert.Equal(Path.Combine(store.Directory, "A", "perf_121.profile.jsonl"), store.ProfilePath("A", "perf_121"));
    }
}
