namespace Knobs.Generators.Model;

internal enum CallKind
{
    /// <summary>A tensor op call.</summary>
    Op,
    /// <summary>A <c>Knobs.Node("name")</c> statement.</summary>
    Marker,
}

/// <summary>
/// What an invocation of <c>Run</c> (its span relative to Run) calls: a tensor op (container, method,
/// kind with the pooling kind refined, whether written as an extension call, why it cannot be used) or a node
/// marker (its constant name, null when not constant). Invocations that call neither have no entry.
/// </summary>
internal sealed record CallResolution(
    int Start,
    int Length,
    CallKind Kind,
    string Container,
    string Method,
    string OpKind,
    bool IsExtension,
    string? Unsupported,
    string? MarkerName);

/// <summary>
/// A template's syntax with its calls resolved against the compilation and the catalog of the op types it calls.
/// <see cref="Semantic"/> says the calls were resolved by binding (the template has a call the fast resolver cannot settle).
/// </summary>
internal sealed record TemplateResolution(TemplateSyntax Syntax, EquatableArray<CallResolution> Calls, EquatableArray<OpCatalogEntry> Catalog, bool Semantic);
