using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Knobs.Generators.Model;

/// <summary>A source location as plain values (a <see cref="Location"/> would pin a syntax tree in the cache).</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public int Line => LineSpan.Start.Line + 1;

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null) return null;
        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    public static LocationInfo From(SyntaxNode node) => From(node.GetLocation())!;
}
