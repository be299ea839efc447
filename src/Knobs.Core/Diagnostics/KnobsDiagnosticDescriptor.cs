using Knobs.KnobTables;

namespace Knobs.Diagnostics;

/// <summary>
/// One entry of the diagnostics catalog (<see cref="DiagnosticCatalogs"/>): the same record for every id range, whether the
/// knob-table readers, the generator, the configuration readers, the runner or the MSBuild integration report it.
/// </summary>
/// <param name="Id">Stable id (<c>KNB0003</c>); its help page is <c>docs/diagnostics/&lt;Id&gt;.md</c>.</param>
/// <param name="Title">Short title; the first line of the help page is <c># &lt;Id&gt;: &lt;Title&gt;</c>.</param>
/// <param name="Severity">Default severity.</param>
/// <param name="Category">One of <see cref="DiagnosticCategories"/>.</param>
/// <param name="MessageFormat">
/// Composite format string (invariant culture) for the message, where the catalog owns it (knob tables, generator);
/// null where the reporting code writes the message itself.
/// </param>
/// <param name="Description">Longer explanation, shown by IDEs (generator ids); null elsewhere.</param>
public sealed record KnobsDiagnosticDescriptor(string Id, string Title, KnobDiagnosticSeverity Severity, string Category,
    string? MessageFormat = null, string? Description = null)
{
    /// <summary>The help page under the default root: <c><see cref="DiagnosticHelpLinks.DefaultRoot"/>/&lt;Id&gt;.md</c>.</summary>
    public string HelpLink => DiagnosticHelpLinks.For(Id);

    /// <summary>The help page under <paramref name="root"/> (the <c>KnobsHelpLinkRoot</c> property); the default root when it is empty.</summary>
    public string HelpLinkUnder(string? root) => DiagnosticHelpLinks.For(Id, root);
}
