using System.Collections.Immutable;

namespace Knobs.KnobTables;

/// <summary>Collects diagnostics up to a limit, then records one KNB0015 and reports itself full so readers stop.</summary>
internal sealed class DiagnosticBag
{
    /// <summary>How many diagnostics a table may produce before reading stops.</summary>
    public const int Limit = 100;

    private readonly ImmutableArray<KnobDiagnostic>.Builder items = ImmutableArray.CreateBuilder<KnobDiagnostic>();

    public bool IsFull { get; private set; }

    public bool HasErrors { get; private set; }

    public void Add(KnobDiagnostic diagnostic)
    {
        if (IsFull) return;
        if (items.Count >= Limit)
        {
            items.Add(KnobDiagnosticCatalog.TooManyErrors.Create(diagnostic.Location, Limit));
            HasErrors = true;
            IsFull = true;
            return;
        }
        items.Add(diagnostic);
        HasErrors |= diagnostic.IsError;
    }

    public void Add(KnobDiagnosticDescriptor descriptor, SourceLocation location, params object?[] args) => Add(descriptor.Create(location, args));

    public ImmutableArray<KnobDiagnostic> ToImmutable() => items.ToImmutable();
}
