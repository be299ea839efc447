using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Knobs.Generators.Resolving;

/// <summary>
/// Finds the methods an invocation can call by name lookup in scope (<c>LookupSymbols</c>) instead of binding the
/// method body. Binding <c>Run</c> is most of what re-parsing a template costs, and the generator re-parses every
/// template on every edit anywhere in the project; lookups keep that cheap. Calls that lookup cannot settle
/// (extension or instance calls, generic names, overloads that mix ops and non-ops) report
/// <see cref="Resolution.NeedsBinding"/> and the caller asks the semantic model the ordinary way.
/// </summary>
internal sealed class CalleeResolver
{
    private readonly SemanticModel _model;
    private readonly ISet<string> _locals;
    private readonly Dictionary<string, ImmutableArray<ISymbol>> _lookups = new(System.StringComparer.Ordinal);

    /// <param name="model">The semantic model of Run's tree.</param>
    /// <param name="locals">Names declared in Run: lookups of other names give the same result anywhere in its body, so they are cached.</param>
    public CalleeResolver(SemanticModel model, ISet<string> locals)
    {
        _model = model;
        _locals = locals;
    }

    private ImmutableArray<ISymbol> Lookup(int position, string name)
    {
        if (_locals.Contains(name)) return _model.LookupSymbols(position, name: name);
        if (!_lookups.TryGetValue(name, out ImmutableArray<ISymbol> found))
        {
            found = _model.LookupSymbols(position, name: name);
            _lookups.Add(name, found);
        }
        return found;
    }

    public Resolution Resolve(InvocationExpressionSyntax invocation)
    {
        int position = invocation.SpanStart;
        switch (invocation.Expression)
        {
            case IdentifierNameSyntax identifier:
            {
                ImmutableArray<ISymbol> found = Lookup(position, identifier.Identifier.ValueText);
                if (found.IsEmpty) return Resolution.Binding;
                // The innermost declaration wins (a local or field of that name is no method group).
                return found.All(s => s is IMethodSymbol) ? Resolution.Of(found.Cast<IMethodSymbol>()) : Resolution.NotAMethod;
            }
            case MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Name: IdentifierNameSyntax member } access:
            {
                INamespaceOrTypeSymbol? qualifier = Qualifier(access.Expression, position);
                if (qualifier is INamedTypeSymbol type)
                {
                    var methods = type.GetMembers(member.Identifier.ValueText).OfType<IMethodSymbol>().Where(m => m.IsStatic).ToList();
                    return methods.Count > 0 ? Resolution.Of(methods) : Resolution.Binding;
                }
                return qualifier is INamespaceSymbol ? Resolution.NotAMethod : Resolution.Binding;
            }
            default:
                return Resolution.Binding;
        }
    }

    /// <summary>The type or namespace an expression names; null when it names a value (an instance or extension call).</summary>
    private INamespaceOrTypeSymbol? Qualifier(ExpressionSyntax expression, int position)
    {
        switch (expression)
        {
            case IdentifierNameSyntax identifier:
                return Lookup(position, identifier.Identifier.ValueText).FirstOrDefault() as INamespaceOrTypeSymbol;
            case MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Name: IdentifierNameSyntax name } access:
                return Qualifier(access.Expression, position)?.GetMembers(name.Identifier.ValueText).OfType<INamespaceOrTypeSymbol>().FirstOrDefault();
            case AliasQualifiedNameSyntax { Alias.Identifier.ValueText: "global", Name: IdentifierNameSyntax name }:
                return _model.Compilation.GlobalNamespace.GetMembers(name.Identifier.ValueText).OfType<INamespaceOrTypeSymbol>().FirstOrDefault();
            default:
                return null;
        }
    }

    /// <summary>What lookup found: candidate methods, no method at all, or "ask the binder".</summary>
    internal readonly struct Resolution
    {
        private Resolution(IReadOnlyList<IMethodSymbol> methods, bool needsBinding)
        {
            Methods = methods;
            NeedsBinding = needsBinding;
        }

        public IReadOnlyList<IMethodSymbol> Methods { get; }

        public bool NeedsBinding { get; }

        public static Resolution Binding => new(System.Array.Empty<IMethodSymbol>(), true);

        public static Resolution NotAMethod => new(System.Array.Empty<IMethodSymbol>(), false);

        public static Resolution Of(IEnumerable<IMethodSymbol> methods) => new(methods.ToList(), false);
    }
}
