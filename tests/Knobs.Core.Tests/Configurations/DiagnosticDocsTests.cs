using System.IO;
using System.Linq;
using System.Reflection;
using Knobs.Configurations;
using Knobs.Testing;

namespace Knobs.Core.Tests.Configurations;

public sealed class DiagnosticDocsTests
{
    [Fact]
    public void EveryDiagnosticIdHasAHelpPageWithItsTitle()
    {
        var ids = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (string id in ids)
        {
            Assert.Matches("^KNB02[0-9]{2}$", id);
            string page = RepoPaths.Combine("docs", "diagnostics", id + ".md");
            Assert.True(File.Exists(page), $"{id} has no help page at docs/diagnostics/{id}.md");
            Assert.StartsWith("# " + id + ": ", File.ReadAllText(page));
        }
    }
}
