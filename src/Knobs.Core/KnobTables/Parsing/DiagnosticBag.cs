using System.Collections.Immutable;
using Knobs.Diagnostics;

namespace Knobs.KnobTables;

/// <summary>
/// Collects diagnostics. After <see cref="Limit"/> errors it records one KNB0015 and reports itself full so readers stop;
/// warnings and infos beyond <see cref="Limit"/> are dropped (they never stop reading or reject a table).
/// </summary>
internal sealed class DiagnosticBag
{
    /// <summary>How many errors a table may produce before reading stops (and how many warnings are kept).</summary>
    public const int Limit = 100;

    private readonly ImmutableArray<KnobDiagnostic>.Builder items = ImmutableArray.CreateBuilder<KnobDiagnostic>();
    private int errors;
    private int others;

    public bool IsFull { get; private set; }

    public bool HasErrors => errors > 0;

    public void Add(KnobDiagnostic diagnostic)
    {
        if (IsFull) return;
        if (!diagnostic.IsError)
        {
            if (others++ < Limit) items.Add(diagnostic);
            return;
        }
        if (errors >= Limit)
        {
            items.Add(KnobDiagnosticCatalog.TooManyErrors.Create(diagnostic.Location, Limit));
            IsFull = true;
            return;
        }
        errors++;
        items.Add(diagnostic);
    }

    public void Add(KnobsDiagnosticDescriptor descriptor, SourceLocation location, params object?[] args) => Add(descriptor.Create(location, args));

    public ImmutableArray<KnobDiagnostic> ToImmutable() => items.ToImmutable();
}
