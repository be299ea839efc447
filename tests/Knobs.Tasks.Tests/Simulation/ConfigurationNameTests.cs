using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Knobs.Configurations;
using Knobs.Tasks.Files;
using Knobs.Tasks.Simulation;
using Knobs.Tasks.Tests.Profiling;

namespace Knobs.Tasks.Tests.Simulation;

/// <summary>Names from data files never decide where a file goes: safe file names, paths checked to stay inside, no duplicates.</summary>
public class ConfigurationNameTests
{
    private static Configuration Conf(int index, int line, string name) =>
        new(index, line, new[] { name, "1.0", "1.0", "0.0" }, Array.Empty<ConfigurationNode>());

    [Theory]
    [InlineData("perf_121", "perf_121")]
    [InlineData("fp32_11", "fp32_11")]
    [InlineData("conf.1", "conf.1")]
    public void PlainNamesStayAsTheyAre(string name, string expected) => Assert.Equal(expected, SafeFileName.From(name));

    [Theory]
    [InlineData("../../../../tmp/x/ESCAPED")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a\nb")]
    [InlineData("C:x")]
    [InlineData("")]
    [InlineData("\u00e9t\u00e9")]
    public void UnsafeNamesBecomeOneSafeSegment(string name)
    {
        string safe = SafeFileName.From(name);
        Assert.Matches("^[A-Za-z0-9_-][A-Za-z0-9._-]*$", safe);
        Assert.DoesNotContain("..", safe);
        Assert.True(safe.Length <= SafeFileName.MaxLength);
        Assert.Equal(Path.GetFileName(safe), safe);
    }

    [Fact]
    public void LongAndCollidingNamesStayDistinct()
    {
        string a = new string('a', 500), b = new string('a', 499) + "b";
        Assert.True(SafeFileName.From(a).Length <= SafeFileName.MaxLength);
        Assert.NotEqual(SafeFileName.From(a), SafeFileName.From(b));
        Assert.NotEqual(SafeFileName.From("a/b"), SafeFileName.From("a_b"));
        Assert.NotEqual(SafeFileName.From("a/b"), SafeFileName.From("a:b"));
    }

    [Fact]
    public void InsideRefusesAPathThatLeavesItsFolder()
    {
        string root = Path.Combine(Path.GetTempPath(), "knobs-inside");
        Assert.Equal(Path.Combine(root, "a", "b"), SafeFileName.Inside(root, Path.Combine("a", "b")));
        Assert.Throws<InvalidOperationException>(() => SafeFileName.Inside(root, Path.Combine("..", "x")));
        Assert.Throws<InvalidOperationException>(() => SafeFileName.Inside(root, "/etc/passwd"));
        Assert.False(SafeFileName.IsInside(root, root + "-sibling"));
    }

    [Fact]
    public void DuplicateNamesAreKnb0433NamingBothLines()
    {
        var log = new CollectingLog();
        bool ok = ConfigurationValidator.CheckNames(log, "/p/confs.txt", new[] { Conf(1, 2, "conf1"), Conf(2, 9, "conf2"), Conf(3, 17, "conf1") });
        Assert.False(ok);
        var error = Assert.Single(log.Errors);
        Assert.Equal("KNB0433", error.Code);
        Assert.Equal(("/p/confs.txt", 17), (error.File, error.Line));
        Assert.Contains("configurations 1 (line 2) and 3 (line 17) are both named 'conf1'", error.Message);
    }

    [Theory]
    [InlineData("../../../../tmp/x/ESCAPED")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData(".hidden")]
    [InlineData("..")]
    [InlineData("a\nb")]
    public void NamesThatCannotNameAFileAreKnb0433(string name)
    {
        var log = new CollectingLog();
        Assert.False(ConfigurationValidator.CheckNames(log, "/p/confs.txt", new[] { Conf(1, 2, "conf1"), Conf(2, 5, name) }));
        var error = Assert.Single(log.Errors);
        Assert.Equal("KNB0433", error.Code);
        Assert.Equal(5, error.Line);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("conf1")]
    [InlineData("conf 1")]
    [InlineData("c+fp16")]
    public void OrdinaryNamesPass(string name)
    {
        var log = new CollectingLog();
        Assert.True(ConfigurationValidator.CheckNames(log, "/p/confs.txt", new[] { Conf(1, 2, name), Conf(2, 5, name + "x") }));
        Assert.Empty(log.Errors);
    }

    [Fact]
    public void ProfilesAreFoundInSubfoldersButOnlyInsideTheRunFolder()
    {
        string root = Path.Combine(Path.GetTempPath(), "knobs-tasks-tests", Guid.NewGuid().ToString("N"));
        try
        {
            string run = Path.Combine(root, "validation", "confs", "3");
            Directory.CreateDirectory(Path.Combine(run, "A.config-confs-a"));
            File.WriteAllText(Path.Combine(run, "A.config-confs-a", "b.profile.jsonl"), "");
            File.WriteAllText(Path.Combine(root, "outside.profile.jsonl"), "");
            string found = Assert.Single(ConfigurationValidator.ProfilesIn(run));
            Assert.EndsWith("b.profile.jsonl", found);
            Assert.Empty(ConfigurationValidator.ProfilesIn(Path.Combine(root, "missing")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
