using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Knobs.Benchmarks.Generator;

/// <summary>
/// The floor of any generator that finds <c>[KnobBenchmark]</c> templates the recommended way: one
/// <c>ForAttributeWithMetadataName</c> whose transform returns the class name, and no output. Roslyn re-runs that
/// transform on every compilation, after finding the class's symbol and binding its attributes.
/// </summary>
internal sealed class FloorGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<string> names = context.SyntaxProvider.ForAttributeWithMetadataName("Knobs.KnobBenchmarkAttribute",
            static (node, _) => node is ClassDeclarationSyntax,
            static (ctx, _) => ctx.TargetSymbol.Name);
        context.RegisterSourceOutput(names.Collect(), static (_, _) => { });
    }
}
