using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace Knobs.KnobTables;

/// <summary>Union of tables in order: knob ids must stay unique, and a user type of one name must be declared identically.</summary>
internal static class KnobTableMerger
{
    public static KnobTableReadResult Merge(IEnumerable<KnobTable> tables)
    {
        var bag = new DiagnosticBag();
        var knobs = new List<Knob>();
        var byId = new Dictionary<int, Knob>();
        var types = new List<KnobType>();
        var typesByName = new Dictionary<string, KnobType>(StringComparer.Ordinal);
        foreach (KnobTable table in tables ?? Enumerable.Empty<KnobTable>())
        {
            if (table is null) continue;
            foreach (KnobType type in table.UserTypes)
            {
                if (!typesByName.TryGetValue(type.Name, out KnobType? existing))
                {
                    typesByName[type.Name] = type;
                    types.Add(type);
                }
                else if (!existing.Equals(type))
                {
                    bag.Add(KnobDiagnosticCatalog.DuplicateKnobType, type.Location, type.Name, "declared differently at " + existing.Location);
                }
            }
            foreach (Knob knob in table.Knobs)
            {
                if (byId.TryGetValue(knob.Id, out Knob? first))
                {
                    bag.Add(KnobDiagnosticCatalog.DuplicateKnobId, knob.Location, knob.Id, first.Location);
                    continue;
                }
                byId[knob.Id] = knob;
                knobs.Add(knob);
            }
        }
        if (knobs.Count > KnobTableReader.MaxKnobs)
        {
            bag.Add(KnobDiagnosticCatalog.TableTooLarge, knobs[KnobTableReader.MaxKnobs].Location,
                knobs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " knobs in all its files",
                KnobTableReader.MaxKnobs.ToString(System.Globalization.CultureInfo.InvariantCulture) + " knobs (this is the first one over)");
        }
        ImmutableArray<KnobDiagnostic> diagnostics = bag.ToImmutable();
        return new KnobTableReadResult(bag.HasErrors ? null : new KnobTable(knobs, types), diagnostics);
    }
}
