using System.Collections.Generic;
using Knobs.Generators.Model;
using Knobs.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace Knobs.Generators.Resolving;

/// <summary>
/// What the templates of one compilation share while their calls are resolved: the compilation, which names are op
/// names, the [TensorOp] facts and display names of methods and types already read, and one
/// <see cref="LookupScope"/> per distinct namespace/directive scope.
/// </summary>
internal sealed class ResolutionContext
{
    private readonly HashSet<string> _sourceOpNames;
    private HashSet<string>? _referencedOpNames;
    private readonly Dictionary<IMethodSymbol, TensorOpInfo?> _infos = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<INamedTypeSymbol, string> _names = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, bool> _accessible = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<(EquatableArray<NamespaceScope>, EquatableArray<UsingSpec>), LookupScope> _scopes = new();
    private readonly EquatableArray<UsingSpec> _globalUsings;

    public ResolutionContext(Compilation compilation, EquatableArray<string> sourceOpNames, EquatableArray<UsingSpec> globalUsings)
    {
        Compilation = compilation;
        _sourceOpNames = new HashSet<string>(sourceOpNames, System.StringComparer.Ordinal);
        _globalUsings = globalUsings;
    }

    public Compilation Compilation { get; }

    /// <summary>Whether a [TensorOp] method of the project or of a referenced assembly has this name.</summary>
    public bool IsOpName(string name) => _sourceOpNames.Contains(name) || (_referencedOpNames ??= OpNames.Referenced(Compilation)).Contains(name);

    public LookupScope Scope(TemplateSyntax template)
    {
        var key = (template.Scope.Namespaces, template.Scope.FileUsings);
        if (!_scopes.TryGetValue(key, out LookupScope? scope))
        {
            var usings = new List<UsingSpec>(template.Scope.FileUsings);
            usings.AddRange(_globalUsings);
            scope = new LookupScope(this, template.Scope.Namespaces, usings);
            _scopes.Add(key, scope);
        }
        return scope;
    }

    public TensorOpInfo? Info(IMethodSymbol method)
    {
        if (!_infos.TryGetValue(method, out TensorOpInfo? info))
        {
            info = TensorOpInfo.Read(method);
            _infos.Add(method, info);
        }
        return info;
    }

    public string DisplayName(INamedTypeSymbol type)
    {
        if (!_names.TryGetValue(type, out string? name))
        {
            name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            _names.Add(type, name);
        }
        return name;
    }

    public bool Accessible(ISymbol symbol)
    {
        if (!_accessible.TryGetValue(symbol, out bool accessible))
        {
            accessible = Compilation.IsSymbolAccessibleWithin(symbol, Compilation.Assembly);
            _accessible.Add(symbol, accessible);
        }
        return accessible;
    }
}
