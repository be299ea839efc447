using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Knobs.Configurations;
using Knobs.Diagnostics;
using Knobs.KnobTables;
using Knobs.Testing;

namespace Knobs.Core.Tests.Diagnostics;

/// <summary>
/// Every KNB id anyone reports (the six catalogs and the <c>Code="KNB…"</c> of build/*.targets) is defined once, has a
/// help page titled as the catalog titles it, and, for the generator's ids, a release-tracking line with its severity.
/// </summary>
public sealed class DiagnosticCatalogTests
{
    private static readonly (string Range, ImmutableCatalog Catalog)[] Catalogs =
    {
        ("KNB00", new(KnobDiagnosticCatalog.All, typeof(KnobDiagnosticIds))),
        ("KNB01", new(GeneratorDiagnosticCatalog.All, typeof(GeneratorDiagnosticIds))),
        ("KNB02", new(ConfigurationDiagnosticCatalog.All, typeof(DiagnosticIds))),
        ("KNB03", new(RunnerDiagnosticCatalog.All, typeof(RunnerDiagnosticIds))),
        ("KNB04", new(MSBuildDiagnosticCatalog.All, typeof(MSBuildDiagnosticIds))),
        ("KNB05", new(AcceleratorDiagnosticCatalog.All, typeof(AcceleratorDiagnosticIds))),
        ("KNB06", new(PredictorDiagnosticCatalog.All, typeof(PredictorDiagnosticIds))),
    };

    private static string Docs => RepoPaths.Combine("docs", "diagnostics");

    [Fact]
    public void EachCatalogHoldsItsRangeAndEveryIdConstant()
    {
        foreach ((string range, ImmutableCatalog catalog) in Catalogs)
        {
            Assert.All(catalog.Descriptors, d => Assert.StartsWith(range, d.Id, StringComparison.Ordinal));
            string[] constants = catalog.Ids.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToArray();
            Assert.Equal(constants.OrderBy(i => i, StringComparer.Ordinal), catalog.Descriptors.Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal));
        }
        Assert.Equal(Catalogs.Sum(c => c.Catalog.Descriptors.Length), DiagnosticCatalogs.All.Length);
    }

    [Fact]
    public void NoIdIsDefinedTwice()
    {
        var duplicates = DiagnosticCatalogs.All.GroupBy(d => d.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
    }

    [Fact]
    public void EveryTargetsCodeIsInTheCatalogWithTheSameSeverity()
    {
        List<(string Id, string Severity, string File)> codes = TargetsCodes().ToList();
        Assert.NotEmpty(codes);
        var problems = new List<string>();
        foreach ((string id, string severity, string file) in codes)
        {
            KnobsDiagnosticDescriptor? d = DiagnosticCatalogs.Find(id);
            if (d is null) problems.Add($"{file}: {id} is in no catalog");
            else if (!string.Equals(d.Severity.ToString(), severity, StringComparison.Ordinal)) problems.Add($"{file}: {id} is a {severity}, the catalog says {d.Severity}");
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void EveryIdHasAHelpPageTitledAsTheCatalog()
    {
        var problems = new List<string>();
        foreach (KnobsDiagnosticDescriptor d in DiagnosticCatalogs.All)
        {
            string page = Path.Combine(Docs, d.Id + ".md");
            if (!File.Exists(page))
            {
                problems.Add($"{d.Id} has no docs/diagnostics/{d.Id}.md");
                continue;
            }
            string[] lines = File.ReadAllLines(page);
            string expected = "# " + d.Id + ": " + d.Title;
            if (lines[0] != expected) problems.Add($"{d.Id}.md starts '{lines[0]}', expected '{expected}'");
            string severity = "Severity: **" + d.Severity + "**";
            if (!lines.Take(5).Any(l => l.StartsWith(severity, StringComparison.Ordinal))) problems.Add($"{d.Id}.md does not say '{severity}'");
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void NoHelpPageForAnIdNoCatalogDefines()
    {
        var stale = Directory.GetFiles(Docs, "KNB*.md").Select(Path.GetFileNameWithoutExtension)
            .Where(id => DiagnosticCatalogs.Find(id!) is null).ToList();
        Assert.Empty(stale);
    }

    [Fact]
    public void EveryGeneratorIdIsReleaseTrackedWithItsSeverity()
    {
        var tracked = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            foreach (string line in File.ReadAllLines(RepoPaths.Combine("src", "Knobs.Generators", file)))
            {
                string[] cells = line.Split('|').Select(c => c.Trim()).ToArray();
                if (cells.Length >= 3 && cells[0].StartsWith("KNB", StringComparison.Ordinal)) tracked[cells[0]] = cells[2];
            }
        }
        var problems = new List<string>();
        foreach (KnobsDiagnosticDescriptor d in GeneratorDiagnosticCatalog.All)
        {
            if (!tracked.TryGetValue(d.Id, out string? severity)) problems.Add($"{d.Id} is in neither AnalyzerReleases file");
            else if (severity != d.Severity.ToString()) problems.Add($"{d.Id} is tracked as {severity}, the catalog says {d.Severity}");
        }
        problems.AddRange(tracked.Keys.Where(id => GeneratorDiagnosticCatalog.All.All(d => d.Id != id)).Select(id => $"{id} is tracked but not in the catalog"));
        Assert.Empty(problems);
    }

    [Fact]
    public void HelpLinksAreUnderTheRoot()
    {
        Assert.Equal("https://github.com/knobs-dotnet/knobs/blob/main/docs/diagnostics/KNB0003.md", KnobDiagnosticCatalog.WrongFieldCount.HelpLink);
        Assert.Equal("https://example.org/d/KNB0301.md", RunnerDiagnosticCatalog.BadArgument.HelpLinkUnder("https://example.org/d/"));
        Assert.Equal(DiagnosticHelpLinks.DefaultRoot + "/KNB0420.md", MSBuildDiagnosticCatalog.ListFailed.HelpLinkUnder(" "));
    }

    // <Error Code="KNB0401" …> and <Warning Code=…>, wherever they sit in build/*.targets.
    private static IEnumerable<(string Id, string Severity, string File)> TargetsCodes()
    {
        var element = new Regex("<(Error|Warning)\\b[^>]*?\\bCode=\"(KNB[0-9]{4})\"", RegexOptions.Singleline);
        foreach (string file in Directory.GetFiles(RepoPaths.Combine("src", "Knobs", "build"), "*.targets"))
        {
            foreach (Match m in element.Matches(File.ReadAllText(file)))
            {
                yield return (m.Groups[2].Value, m.Groups[1].Value, Path.GetFileName(file));
            }
        }
    }

    private sealed record ImmutableCatalog(System.Collections.Immutable.ImmutableArray<KnobsDiagnosticDescriptor> Descriptors, Type Ids);
}
