using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Generators.Model;
using Knobs.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace Knobs.Generators.Resolving;

/// <summary>
/// Resolves the calls of a template's <see cref="TemplateSyntax"/> without binding: it follows C#'s name lookup by hand
/// (Run's own names, then the template's and its containing/base types' members, then each enclosing namespace with
/// its <c>using</c> directives, innermost first, then the global namespace with the file's and the project's global
/// directives), asking the compilation's symbol tables only for the members of a namespace or type. Whenever a call
/// could mean something this lookup does not model (a value receiver, a name that hides an op, an ambiguous or
/// unresolvable import), it answers "uncertain" and the template is bound the ordinary way instead.
/// </summary>
internal sealed class FastCallResolver
{
    private readonly Compilation _compilation;
    private readonly Func<string, bool> _isOpName;
    private readonly HashSet<string> _locals;
    private readonly HashSet<string> _members;
    private readonly List<Level> _levels = new();
    private readonly Dictionary<IMethodSymbol, TensorOpInfo?> _infos = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<INamedTypeSymbol, string> _containers = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<string, SimpleLookup> _simple = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lookup> _roots = new(StringComparer.Ordinal);
    private readonly Dictionary<ISymbol, bool> _accessible = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<CalleeKey, CallResolution?> _answers = new();
    private bool _argumentDependent;

    /// <param name="compilation">The compilation whose symbol tables answer lookups.</param>
    /// <param name="template">The template whose calls are resolved.</param>
    /// <param name="globalUsings">The project's <c>global using</c> directives.</param>
    /// <param name="isOpName">Whether any [TensorOp] method of the compilation or its references has this name.</param>
    public FastCallResolver(Compilation compilation, TemplateSyntax template, EquatableArray<UsingSpec> globalUsings, Func<string, bool> isOpName)
    {
        _compilation = compilation;
        _isOpName = isOpName;
        _locals = new HashSet<string>(template.Scope.Locals, StringComparer.Ordinal);
        _members = new HashSet<string>(template.Scope.MemberNames, StringComparer.Ordinal);
        foreach (NamespaceScope scope in template.Scope.Namespaces)
        {
            _levels.Add(new Level(Navigate(compilation.GlobalNamespace, scope.Name.Split('.')) as INamespaceSymbol, scope.Usings));
        }
        _levels.Add(new Level(compilation.GlobalNamespace, template.Scope.FileUsings.Concat(globalUsings)));
    }

    /// <summary>The types that hold the ops resolved so far.</summary>
    public IEnumerable<INamedTypeSymbol> Containers => _containers.Keys;

    /// <summary>False when the call cannot be settled without binding; otherwise its resolution (null: neither an op nor a marker).</summary>
    public bool TryResolve(CallSyntax call, out CallResolution? resolution)
    {
        // Calls spelled alike with as many arguments mean the same (Run's own names were ruled out up front), unless
        // the answer depends on the arguments (a pooling kind, a marker's name): those are not reused.
        var key = new CalleeKey(call.Shape, call.Rooted, string.Join(".", call.Qualifier), call.Name, call.ArgumentCount, call.IsStatement);
        Outcome outcome;
        if (_answers.TryGetValue(key, out CallResolution? known))
        {
            outcome = known is null ? Outcome.NotOp : new Outcome(known with { Start = call.Start, Length = call.Length }, false);
        }
        else
        {
            outcome = call.Shape switch
            {
                CallShape.Simple => Simple(call),
                CallShape.Qualified => Qualified(call),
                _ => NotOpUnlessOpName(call.Name),
            };
            bool reusable = !outcome.Uncertain && (outcome.Resolution is null || (outcome.Resolution.Kind == CallKind.Op && !_argumentDependent));
            if (reusable) _answers[key] = outcome.Resolution;
            _argumentDependent = false;
        }
        resolution = outcome.Resolution;
        return !outcome.Uncertain;
    }

    private Outcome Simple(CallSyntax call)
    {
        if (!_simple.TryGetValue(call.Name, out SimpleLookup? lookup))
        {
            lookup = LookupSimple(call.Name);
            _simple.Add(call.Name, lookup);
        }
        return lookup.Found is { } found ? Classify(found, call, qualified: false) : lookup.Outcome;
    }

    /// <summary>A simple callee name's meaning in Run's scope (the same at every call: Run's own names are checked first).</summary>
    private SimpleLookup LookupSimple(string name)
    {
        if (_locals.Contains(name) || _members.Contains(name)) return new SimpleLookup(NotOpUnlessOpName(name), null);
        for (int k = 0; k < _levels.Count; k++)
        {
            Level level = _levels[k];
            if (level.Namespace is null) return new SimpleLookup(Outcome.Unsure, null);
            if (TypesOrNamespaces(level.Namespace, name).Count > 0) return new SimpleLookup(Outcome.NotOp, null); // a type is no method group
            if (level.Usings.Any(u => u.Kind == UsingKind.Alias && u.Alias == name)) return new SimpleLookup(Outcome.NotOp, null);
            if (!Imports(k, out List<INamespaceSymbol> namespaces, out List<INamedTypeSymbol> statics)) return new SimpleLookup(Outcome.Unsure, null);
            var found = new List<ISymbol>();
            foreach (INamespaceSymbol imported in namespaces) found.AddRange(imported.GetTypeMembers(name).Where(Accessible));
            foreach (INamedTypeSymbol type in statics) found.AddRange(type.GetMembers(name).Where(m => (m.IsStatic || m is ITypeSymbol) && Accessible(m)));
            if (found.Count > 0) return new SimpleLookup(Outcome.NotOp, found);
        }
        return new SimpleLookup(NotOpUnlessOpName(name), null);
    }

    private Outcome Qualified(CallSyntax call)
    {
        INamespaceOrTypeSymbol? qualifier;
        if (call.Rooted)
        {
            qualifier = Navigate(_compilation.GlobalNamespace, call.Qualifier);
        }
        else
        {
            string root = call.Qualifier[0];
            if (_locals.Contains(root) || _members.Contains(root)) return NotOpUnlessOpName(call.Name); // a value (or a member type): an instance or extension call
            if (!_roots.TryGetValue(root, out Lookup first))
            {
                first = FindTypeOrNamespace(root);
                _roots.Add(root, first);
            }
            if (first.Uncertain) return Outcome.Unsure;
            qualifier = first.Symbol is null ? null : Navigate(first.Symbol, call.Qualifier.Skip(1));
        }
        switch (qualifier)
        {
            case null:
                return NotOpUnlessOpName(call.Name);
            case INamespaceSymbol ns:
                // Knobs.Node("name") where Knobs is the namespace (a template outside namespaces under Knobs): the generated
                // partial declares a nested Knobs class that forwards to Knobs.Knobs.Node, so this is the marker.
                bool shim = call.IsStatement && call.Name == KnownNames.NodeMarkerMethod && !call.Rooted && call.Qualifier.Count == 1
                            && ns.Name == "Knobs" && ns.ContainingNamespace is { IsGlobalNamespace: true };
                return shim ? Marker(call, true) : Outcome.NotOp;
            default:
                var type = (INamedTypeSymbol)qualifier;
                List<ISymbol> methods = type.GetMembers(call.Name).Where(m => m is IMethodSymbol { IsStatic: true } && Accessible(m)).ToList();
                return methods.Count == 0 ? NotOpUnlessOpName(call.Name) : Classify(methods, call, qualified: true);
        }
    }

    /// <summary>What a set of same-named members found by lookup means for this call.</summary>
    private Outcome Classify(List<ISymbol> found, CallSyntax call, bool qualified)
    {
        List<IMethodSymbol> methods = found.OfType<IMethodSymbol>().Distinct<IMethodSymbol>(SymbolEqualityComparer.Default).ToList();
        if (methods.Count == found.Count && methods.Count == 1 && Info(methods[0]) is { } single && !methods[0].IsGenericMethod && (qualified || !methods[0].IsExtensionMethod))
        {
            return Op(methods[0], single, call);
        }
        if (found.Any(s => s is not IMethodSymbol)) return methods.Any(m => Info(m) is not null) ? Outcome.Unsure : Outcome.NotOp;
        if (methods.All(m => Info(m) is null))
        {
            bool marker = call.IsStatement && call.Name == KnownNames.NodeMarkerMethod && methods.Any(m => m.ContainingType.ToDisplayString() == KnownNames.NodeMarkerType);
            return marker ? Marker(call, false) : Outcome.NotOp;
        }
        if (methods.Any(m => Info(m) is null || m.IsGenericMethod || (!qualified && m.IsExtensionMethod))) return Outcome.Unsure;
        TensorOpInfo info = Info(methods[0])!.Value;
        if (methods.Any(m => !SymbolEqualityComparer.Default.Equals(m.ContainingType, methods[0].ContainingType) || Info(m)!.Value.Kind != info.Kind)) return Outcome.Unsure;

        return Op(methods.FirstOrDefault(m => m.Parameters.Length == call.ArgumentCount) ?? methods[0], info, call);
    }

    private Outcome Op(IMethodSymbol chosen, TensorOpInfo info, CallSyntax call)
    {
        string kind = info.Kind;
        if (kind == "pool")
        {
            _argumentDependent = true;
            if (!TryPoolKind(chosen, call, out string? refined)) return Outcome.Unsure;
            kind = refined ?? kind;
        }
        if (!_containers.TryGetValue(chosen.ContainingType, out string? container))
        {
            container = chosen.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            _containers.Add(chosen.ContainingType, container);
        }
        return new Outcome(new CallResolution(call.Start, call.Length, CallKind.Op, container, chosen.Name, kind, false, null, null, false), false);
    }

    /// <summary>pool_max / pool_mean / pool_min from a <c>PoolKind.Max</c>-style argument; false when the argument is written otherwise.</summary>
    private static bool TryPoolKind(IMethodSymbol method, CallSyntax call, out string? kind)
    {
        kind = null;
        for (int i = 0; i < call.ArgumentCount && i < method.Parameters.Length; i++)
        {
            if (method.Parameters[i].Type is not INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType) continue;
            string member = call.ArgumentMembers[i];
            if (member.Length == 0 || enumType.GetMembers(member).IsEmpty) return false;
            kind = PoolKinds.FromMember(member);
            return true;
        }
        return true;
    }

    private static Outcome Marker(CallSyntax call, bool shim)
        => call.StringLiteral is null
            ? Outcome.Unsure // a constant that is not a literal: the binder knows its value
            : new Outcome(new CallResolution(call.Start, call.Length, CallKind.Marker, string.Empty, KnownNames.NodeMarkerMethod, string.Empty, false, null, call.StringLiteral, shim), false);

    private Outcome NotOpUnlessOpName(string name) => _isOpName(name) ? Outcome.Unsure : Outcome.NotOp;

    /// <summary>A qualifier's first identifier as a type or namespace, by C#'s lookup order over the namespace levels.</summary>
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
            foreach (INamespaceSymbol imported in namespaces) found.AddRange(imported.GetTypeMembers(name, 0).Where(Accessible));
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
        if (directive.Rooted) return Navigate(_compilation.GlobalNamespace, parts);
        for (int i = k; i < _levels.Count; i++)
        {
            if (_levels[i].Namespace is { } start && Navigate(start, parts) is { } found) return found;
        }
        return null;
    }

    private INamespaceOrTypeSymbol? Navigate(INamespaceOrTypeSymbol start, IEnumerable<string> parts)
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

    private List<INamespaceOrTypeSymbol> TypesOrNamespaces(INamespaceOrTypeSymbol container, string name)
        => container.GetMembers(name).OfType<INamespaceOrTypeSymbol>().Where(s => s is INamespaceSymbol || (s is INamedTypeSymbol { Arity: 0 } && Accessible(s))).ToList();

    private bool Accessible(ISymbol symbol)
    {
        if (!_accessible.TryGetValue(symbol, out bool accessible))
        {
            accessible = _compilation.IsSymbolAccessibleWithin(symbol, _compilation.Assembly);
            _accessible.Add(symbol, accessible);
        }
        return accessible;
    }

    private TensorOpInfo? Info(IMethodSymbol method)
    {
        if (!_infos.TryGetValue(method, out TensorOpInfo? info))
        {
            info = TensorOpInfo.Read(method);
            _infos.Add(method, info);
        }
        return info;
    }

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

    /// <summary>A simple name's lookup: the members found, or (when nothing to classify) the outcome.</summary>
    private sealed class SimpleLookup
    {
        public SimpleLookup(Outcome outcome, List<ISymbol>? found)
        {
            Outcome = outcome;
            Found = found;
        }

        public Outcome Outcome { get; }

        public List<ISymbol>? Found { get; }
    }

    private readonly record struct CalleeKey(CallShape Shape, bool Rooted, string Qualifier, string Name, int ArgumentCount, bool IsStatement);

    private readonly struct Lookup
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

    private readonly struct Outcome
    {
        public Outcome(CallResolution? resolution, bool uncertain)
        {
            Resolution = resolution;
            Uncertain = uncertain;
        }

        public static Outcome NotOp => new(null, false);

        public static Outcome Unsure => new(null, true);

        public CallResolution? Resolution { get; }

        public bool Uncertain { get; }
    }
}
