using System.Linq;
using Microsoft.CodeAnalysis;

namespace Knobs.Generators.Model;

/// <summary>A diagnostic to report later, as values only (descriptor id, location, message arguments).</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments, DiagnosticSeverity? Severity = null)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
        => new(descriptor.Id, location, arguments.ToEquatableArray());

    /// <summary>The Roslyn diagnostic, its help link under <paramref name="helpLinkRoot"/> (<c>KnobsHelpLinkRoot</c>; the default root when empty).</summary>
    public Diagnostic ToDiagnostic(string? helpLinkRoot = null)
    {
        DiagnosticDescriptor descriptor = Diagnostics.DiagnosticDescriptors.ById(Id, helpLinkRoot);
        Location location = Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None;
        object[] args = Arguments.Cast<object>().ToArray();
        return Severity is { } severity && severity != descriptor.DefaultSeverity
            ? Diagnostic.Create(descriptor, location, severity, null, null, args)
            : Diagnostic.Create(descriptor, location, args);
    }
}
