using Knobs.KnobTables;

namespace Knobs.Core.Tests.KnobTables;

public class KnobDiagnosticTests
{
    [Fact]
    public void DiagnosticPrintsInMsBuildCanonicalForm()
    {
        var d = new KnobDiagnostic("KNB0003", KnobDiagnosticSeverity.Error, "bad row", new SourceLocation("k.txt", 4, 7));
        Assert.Equal("k.txt(4,7): error KNB0003: bad row", d.ToString());
        Assert.Equal("k.txt(4,7): warning KNB0022: x", (d with { Id = "KNB0022", Severity = KnobDiagnosticSeverity.Warning, Message = "x" }).ToString());
    }
}
