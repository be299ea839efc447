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
    private readonly ResolutionContext _context;
    private readonly ScopeSyntax _syntax;
    private readonly LookupScope _scope;
    private readonly HashSet<string> _locals;
    private readonly HashSet<string> _members;
    private readonly HashSet<INamedTypeSymbol> _containers = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<CalleeKey, CallResolution?> _answers = new();
    private bool _argumentDependent;

    public FastCallResolver(ResolutionContext context, TemplateSyntax template)
    {
        _context = context;
        _syntax = template.Scope;
        _scope = context.Scope(template);
        _locals = new HashSet<string>(template.Scope.Locals, StringComparer.Ordinal);
        _members = new HashSet<string>(template.Scope.MemberNames, StringComparer.Ordinal);
    }

    /// <summary>The types that hold the ops resolved so far.</summary>
    public IEnumerable<INamedTypeSymbol> Containers => _containers;

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
        if (_locals.Contains(call.Name) || _members.Contains(call.Name)) return NotOpUnlessOpName(call.Name);
        SimpleLookup lookup = _scope.Simple(call.Name);
        if (lookup.Found is { } found) return Classify(found, call, qualified: false);
        return lookup.Outcome switch
        {
            LookupOutcome.NotOp => Outcome.NotOp,
            LookupOutcome.Unsure => Outcome.Unsure,
            _ => NotOpUnlessOpName(call.Name),
        };
    }

    private Outcome Qualified(CallSyntax call)
    {
        if (NodeForwarder.Calls(call, _syntax)) return call.IsStatement ? Marker(call) : Outcome.NotOp;
        INamespaceOrTypeSymbol? qualifier;
        if (call.Rooted)
        {
            qualifier = _scope.Navigate(_context.Compilation.GlobalNamespace, call.Qualifier);
        }
        else
        {
            string root = call.Qualifier[0];
            if (_locals.Contains(root) || _members.Contains(root)) return NotOpUnlessOpName(call.Name); // a value (or a member type): an instance or extension call
            Lookup first = _scope.Root(root);
            if (first.Uncertain) return Outcome.Unsure;
            qualifier = first.Symbol is null ? null : _scope.Navigate(first.Symbol, call.Qualifier.Skip(1));
        }
        switch (qualifier)
        {
            case null:
                return NotOpUnlessOpName(call.Name);
            case INamespaceSymbol:
                return Outcome.NotOp;
            default:
                var type = (INamedTypeSymbol)qualifier;
                List<ISymbol> methods = type.GetMembers(call.Name).Where(m => m is IMethodSymbol { IsStatic: true } && _context.Accessible(m)).ToList();
                return methods.Count == 0 ? NotOpUnlessOpName(call.Name) : Classify(methods, call, qualified: true);
        }
    }

    /// <summary>What a set of same-named members found by lookup means for this call.</summary>
    private Outcome Classify(List<ISymbol> found, CallSyntax call, bool qualified)
    {
        List<IMethodSymbol> methods = found.OfType<IMethodSymbol>().Distinct<IMethodSymbol>(SymbolEqualityComparer.Default).ToList();
        if (methods.Count == found.Count && methods.Count == 1 && _context.Info(methods[0]) is { } single && !methods[0].IsGenericMethod && (qualified || !methods[0].IsExtensionMethod))
        {
            return Op(methods[0], single, call);
        }
        if (found.Any(s => s is not IMethodSymbol)) return methods.Any(m => _context.Info(m) is not null) ? Outcome.Unsure : Outcome.NotOp;
        if (methods.All(m => _context.Info(m) is null))
        {
            bool marker = call.IsStatement && call.Name == KnownNames.NodeMarkerMethod && methods.Any(m => m.ContainingType.ToDisplayString() == KnownNames.NodeMarkerType);
            return marker ? Marker(call) : Outcome.NotOp;
        }
        if (methods.Any(m => _context.Info(m) is null || m.IsGenericMethod || (!qualified && m.IsExtensionMethod))) return Outcome.Unsure;
        TensorOpInfo info = _context.Info(methods[0])!.Value;
        if (methods.Any(m => !SymbolEqualityComparer.Default.Equals(m.ContainingType, methods[0].ContainingType) || _context.Info(m)!.Value.Kind != info.Kind)) return Outcome.Unsure;

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
        _containers.Add(chosen.ContainingType);
        string container = _context.DisplayName(chosen.ContainingType);
        return new Outcome(new CallResolution(call.Start, call.Length, CallKind.Op, container, chosen.Name, kind, false, null, null), false);
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

    private static Outcome Marker(CallSyntax call)
        => call.StringLiteral is null
            ? Outcome.Unsure // a constant that is not a literal: the binder knows its value
            : new Outcome(new CallResolution(call.Start, call.Length, CallKind.Marker, string.Empty, KnownNames.NodeMarkerMethod, string.Empty, false, null, call.StringLiteral), false);

    private Outcome NotOpUnlessOpName(string name) => _context.IsOpName(name) ? Outcome.Unsure : Outcome.NotOp;

    private readonly record struct CalleeKey(CallShape Shape, bool Rooted, string Qualifier, string Name, int ArgumentCount, bool IsStatement);

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
