namespace Knobs.Generators.Model;

/// <summary>
/// A <c>[KnobBenchmark]</c> template as read from syntax alone (plus a few declaration facts of its symbol): where it
/// lives, the text of <c>Run</c>, every call in it and the scope its names resolve in. It equals the previous one
/// whenever the template's file did not change, so an edit elsewhere re-runs nothing downstream of it.
/// </summary>
internal sealed record TemplateSyntax(
    string Name,
    string FullName,
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    EquatableArray<string> FileUsings,
    EquatableArray<string> NamespaceUsings,
    bool Classifier,
    bool HasLabelled,
    string FilePath,
    LocationInfo Location,
    RunText Run,
    ScopeSyntax Scope,
    EquatableArray<CallSyntax> Calls);

/// <summary>
/// What the <c>ForAttributeWithMetadataName</c> transform reads of a template (it runs on every compilation, so
/// only declaration facts and the text of <c>Run</c>): <see cref="TemplateSyntax"/> is derived from it in a step that
/// re-runs only when this changes. <see cref="MemberNames"/>: every member name of the template, its containing types
/// and their base types (they hide imported names in Run). <see cref="HasLabelled"/>: the template declares an instance
/// <c>Labelled()</c> returning <c>Knobs.Runtime.LabelledSet</c>, its labelled test inputs.
/// </summary>
internal sealed record TemplateDeclaration(
    string Name,
    string FullName,
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    EquatableArray<string> FileUsings,
    EquatableArray<string> NamespaceUsings,
    bool Classifier,
    bool HasLabelled,
    string FilePath,
    LocationInfo Location,
    RunText Run,
    EquatableArray<NamespaceScope> Namespaces,
    EquatableArray<UsingSpec> FileUsingSpecs,
    EquatableArray<string> MemberNames);

/// <summary>
/// The source text of <c>Run</c> (its declaration span) and where it starts, so it can be parsed again without the
/// tree; the parse options that affect how it parses.
/// </summary>
internal sealed record RunText(string Text, int Start, int Line, int Character, string ParameterName, int LanguageVersion, EquatableArray<string> PreprocessorSymbols);

/// <summary>
/// What names in <c>Run</c> can bind to: the enclosing namespaces (innermost first) with their <c>using</c> directives,
/// the file's own (non-global) directives, the names Run declares, and the member names of the template, its
/// containing types and their base types that a call or qualifier in Run spells.
/// </summary>
internal sealed record ScopeSyntax(EquatableArray<NamespaceScope> Namespaces, EquatableArray<UsingSpec> FileUsings, EquatableArray<string> Locals, EquatableArray<string> MemberNames);

/// <summary>A namespace enclosing the template (full name) and the <c>using</c> directives declared at that level.</summary>
internal sealed record NamespaceScope(string Name, EquatableArray<UsingSpec> Usings);

internal enum UsingKind
{
    Namespace,
    Static,
    Alias,
}

/// <summary>A <c>using</c> directive: its kind, alias, and target as a dotted name (null when it is not a plain dotted name).</summary>
internal sealed record UsingSpec(UsingKind Kind, string? Alias, string? Target, bool Rooted);

internal enum CallShape
{
    /// <summary><c>Name(...)</c>.</summary>
    Simple,
    /// <summary><c>A.B.Name(...)</c> or <c>global::A.B.Name(...)</c>: a dotted chain of identifiers.</summary>
    Qualified,
    /// <summary>Anything else: a call on a value (<c>x.Relu()</c>), a generic name, <c>this.M()</c>, …</summary>
    Other,
}

/// <summary>
/// One invocation in <c>Run</c>: its span relative to Run's start (<c>a.F().G()</c>: both start at <c>a</c>), how its callee is spelled, and what
/// the resolver needs of its arguments (count, a first string literal, <c>X.Member</c> member names).
/// </summary>
internal sealed record CallSyntax(
    int Start,
    int Length,
    CallShape Shape,
    string Name,
    EquatableArray<string> Qualifier,
    bool Rooted,
    int ArgumentCount,
    bool IsStatement,
    string? StringLiteral,
    EquatableArray<string> ArgumentMembers);
