using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Knobs.Generators.Resolving;

/// <summary>
/// C#'s name lookup over a template's enclosing namespaces, innermost first, each with its <c>using</c> directives, up
/// to the global namespace with the file's and the project's global directives — by the compilation's symbol tables
/// only. Templates with the same namespaces and directives share one instance (and its answers) per compilation.
/// </summary>
internal sealed class LookupScope
{
    private readonly ResolutionContext _context;
    private readonly List<Level> _levels = new();
    private readonly Dictionary<string, SimpleLookup> _simple = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lookup> _roots = new(StringComparer.Ordinal);

    public LookupScope(ResolutionContext context, EquatableArray<NamespaceScope> namespaces, IEnumerable<UsingSpec> fileUsings)
    {
        _context = context;
        foreach (NamespaceScope scope in namespaces)
        {
            _levels.Add(new Level(Navigate(context.Compilation.GlobalNamespace, scope.Name.Split('.')) as INamespaceSymbol, scope.Usings));
        }
        _levels.Add(new Level(context.Compilation.GlobalNamespace, fileUsings));
    }

    /// <summary>A simple callee name looked up over the namespace levels (Run's and the types' own names are checked before).</summary>
    public SimpleLookup Simple(string name)
    {
        if (_simple.TryGetValue(name, out SimpleLookup? cached)) return cached;
        SimpleLookup result = LookupSimple(name);
        _simple.Add(name, result);
        return result;
    }

    private SimpleLookup LookupSimple(string name)
    {
        for (int k = 0; k < _levels.Count; k++)
        {
            Level level = _levels[k];
            if (level.Namespace is null) return new SimpleLookup(LookupOutcome.Unsure, null);
            if (TypesOrNamespaces(level.Namespace, name).Count > 0) return new SimpleLookup(LookupOutcome.NotOp, null); // a type is no method group
            if (level.Usings.Any(u => u.Kind == UsingKind.Alias && u.Alias == name)) return new SimpleLookup(LookupOutcome.NotOp, null);
            if (!Imports(k, out List<INamespaceSymbol> namespaces, out List<INamedTypeSymbol> statics)) return new SimpleLookup(LookupOutcome.Unsure, null);
            var found = new List<ISymbol>();
            foreach (INamespaceSymbol imported in namespaces) found.AddRange(imported.GetTypeMembers(name).Where(_context.Accessible));
            foreach (INamedTypeSymbol type in statics) found.AddRange(type.GetMembers(name).Where(m => (m.IsStatic || m is ITypeSymbol) && _context.Accessible(m)));
            if (found.Count > 0) return new SimpleLookup(LookupOutcome.NotOp, found);
        }
        return new SimpleLookup(LookupOutcome.NotFound, null);
    }

    /// <summary>A qualifier's first identifier as a type or namespace, by C#'s lookup order over the namespace levels.</summary>
    public Lookup Root(string name)
    {
        if (!_roots.TryGetValue(name, out Lookup found))
        {
            found = FindTypeOrNamespace(name);
            _roots.Add(name, found);
        }
        return found;
    }

    private Lookup FindTypeOrNamespace(string name)
    {
        for (int k = 0; k < _levels.Count; k++)
        {
            Level level = _levels[k];
            if (level.Namespace is null) return Lookup.Unsure;
            List<INamespaceOrTypeSymbol> members = TypesOrNamespaces(level.Namespace, name);
            if (members.Count > 0) return members.Count == 1 ? new Lookup(members[0], false) : Lookup.Unsure;
            UsingSpec? alias = level.Usings.FirstOrDefault(u => u.Kind == UsingKind.Alias && u.Alias == name);
            if (alias is not null) return ResolveTarget(alias, k) is { } target ? new Lookup(target, false) : Lookup.Unsure;
            if (!Imports(k, out List<INamespaceSymbol> namespaces, out List<INamedTypeSymbol> statics)) return Lookup.Unsure;
            var found = new List<INamespaceOrTypeSymbol>();
            foreach (INamespaceSymbol imported in namespaces) found.AddRange(imported.GetTypeMembers(name, 0).Where(_context.Accessible));
            foreach (INamedTypeSymbol type in statics)
            {
                foreach (ISymbol member in type.GetMembers(name))
                {
                    if (member is INamedTypeSymbol { Arity: 0 } nested) found.Add(nested);
                    else return Lookup.Unsure; // a static field/property/method of that name is a value here
                }
            }
            List<INamespaceOrTypeSymbol> distinct = found.Distinct<INamespaceOrTypeSymbol>(SymbolEqualityComparer.Default).ToList();
            if (distinct.Count == 1) return new Lookup(distinct[0], false);
            if (distinct.Count > 1) return Lookup.Unsure;
        }
        return new Lookup(null, false);
    }

    /// <summary>The namespaces and static types the directives of level <paramref name="k"/> import; false when one does not resolve.</summary>
    private bool Imports(int k, out List<INamespaceSymbol> namespaces, out List<INamedTypeSymbol> statics)
    {
        Level level = _levels[k];
        if (level.Namespaces is null)
        {
            level.Namespaces = new List<INamespaceSymbol>();
            level.Statics = new List<INamedTypeSymbol>();
            foreach (UsingSpec directive in level.Usings)
            {
                if (directive.Kind == UsingKind.Alias) continue;
                INamespaceOrTypeSymbol? target = ResolveTarget(directive, k);
                if (directive.Kind == UsingKind.Namespace && target is INamespaceSymbol ns) level.Namespaces.Add(ns);
                else if (directive.Kind == UsingKind.Static && target is INamedTypeSymbol type) level.Statics.Add(type);
                else level.Broken = true;
            }
        }
        namespaces = level.Namespaces;
        statics = level.Statics!;
        return !level.Broken;
    }

    /// <summary>A directive's target: resolved from the directive's own namespace outwards (global:: from the root only).</summary>
    private INamespaceOrTypeSymbol? ResolveTarget(UsingSpec directive, int k)
    {
        if (directive.Target is null) return null;
        string[] parts = directive.Target.Split('.');
        if (directive.Rooted) return Navigate(_context.Compilation.GlobalNamespace, parts);
        for (int i = k; i < _levels.Count; i++)
        {
            if (_levels[i].Namespace is { } start && Navigate(start, parts) is { } found) return found;
        }
        return null;
    }

    public INamespaceOrTypeSymbol? Navigate(INamespaceOrTypeSymbol start, IEnumerable<string> parts)
    {
        INamespaceOrTypeSymbol current = start;
        foreach (string part in parts)
        {
            List<INamespaceOrTypeSymbol> found = TypesOrNamespaces(current, part);
            if (found.Count != 1) return null;
            current = found[0];
        }
        return current;
    }

    public List<INamespaceOrTypeSymbol> TypesOrNamespaces(INamespaceOrTypeSymbol container, string name)
        => container.GetMembers(name).OfType<INamespaceOrTypeSymbol>().Where(s => s is INamespaceSymbol || (s is INamedTypeSymbol { Arity: 0 } && _context.Accessible(s))).ToList();

    private sealed class Level
    {
        public Level(INamespaceSymbol? ns, IEnumerable<UsingSpec> usings)
        {
            Namespace = ns;
            Usings = usings.ToList();
        }

        public INamespaceSymbol? Namespace { get; }

        public List<UsingSpec> Usings { get; }

        public List<INamespaceSymbol>? Namespaces { get; set; }

        public List<INamedTypeSymbol>? Statics { get; set; }

        public bool Broken { get; set; }
    }
}

/// <summary>What a lookup settled: not found, found members to classify, or "cannot tell without binding".</summary>
internal enum LookupOutcome
{
    NotFound,
    NotOp,
    Unsure,
}

/// <summary>A simple name's lookup over the namespace levels: the members found, or (when nothing to classify) the outcome.</summary>
internal sealed class SimpleLookup
{
    public SimpleLookup(LookupOutcome outcome, List<ISymbol>? found)
    {
        Outcome = outcome;
        Found = found;
    }

    public LookupOutcome Outcome { get; }

    public List<ISymbol>? Found { get; }
}

/// <summary>A qualifier's first identifier: the type or namespace (null: none), or uncertain.</summary>
internal readonly struct Lookup
{
    public Lookup(INamespaceOrTypeSymbol? symbol, bool uncertain)
    {
        Symbol = symbol;
        Uncertain = uncertain;
    }

    public static Lookup Unsure => new(null, true);

    public INamespaceOrTypeSymbol? Symbol { get; }

    public bool Uncertain { get; }
}

