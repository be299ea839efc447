using System.IO;
using System.Linq;
using Knobs.KnobTables;
using Knobs.Testing;

namespace Knobs.Core.Tests.KnobTables;

public class DiagnosticCatalogTests
{
    [Fact]
    public void EveryIdHasOneDescriptorAndAHelpPage()
    {
        string[] ids = typeof(KnobDiagnosticIds).GetFields().Select(f => (string)f.GetValue(null)!).ToArray();
        Assert.Equal(ids.OrderBy(i => i), KnobDiagnosticCatalog.All.Select(d => d.Id).OrderBy(i => i));
        Assert.Equal(ids.Length, ids.Distinct().Count());
        foreach (KnobDiagnosticDescriptor d in KnobDiagnosticCatalog.All)
        {
            Assert.Matches("^KNB00[0-9][0-9]$", d.Id);
            string page = RepoPaths.Combine(d.HelpLink.Split('/'));
            Assert.True(File.Exists(page), $"{d.Id} has no help page {d.HelpLink}");
            Assert.Contains("# " + d.Id, File.ReadAllText(page));
        }
    }

    [Fact]
    public void DiagnosticPrintsInMsBuildCanonicalForm()
    {
        var d = new KnobDiagnostic("KNB0003", KnobDiagnosticSeverity.Error, "bad row", new SourceLocation("k.txt", 4, 7));
        Assert.Equal("k.txt(4,7): error KNB0003: bad row", d.ToString());
        Assert.Equal("k.txt(4,7): warning KNB0022: x", (d with { Id = "KNB0022", Severity = KnobDiagnosticSeverity.Warning, Message = "x" }).ToString());
    }
}
