using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Knobs.Testing;

namespace Knobs.Tasks.Tests;

public class DiagnosticDocsTests
{
    [Fact]
    public void EveryMSBuildDiagnosticIdHasAHelpPage()
    {
        var sources = Directory.GetFiles(RepoPaths.Combine("src", "Knobs.Tasks"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(RepoPaths.Combine("src", "Knobs", "build")))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"));
        var ids = sources.SelectMany(f => Regex.Matches(File.ReadAllText(f), "\"(KNB04\\d\\d)\"").Select(m => m.Groups[1].Value)).Distinct().OrderBy(i => i).ToList();
        Assert.True(ids.Count >= 15, $"found only {ids.Count} ids: {string.Join(", ", ids)}");
        foreach (string id in ids)
        {
            string page = RepoPaths.Combine("docs", "diagnostics", id + ".md");
            Assert.True(File.Exists(page), $"{id} has no help page ({page})");
            Assert.StartsWith($"# {id}: ", File.ReadAllText(page));
        }
    }
}
