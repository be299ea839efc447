using System.Collections.Generic;
using System.Globalization;

namespace Knobs.KnobTables;

/// <summary>Resolves parsed rows and checks the table as a whole: duplicate ids, fp16 parameter reuse, unsupported types, emptiness.</summary>
internal static class TableAssembler
{
    public static KnobTable? Assemble(string file, List<RawKnob> rows, IReadOnlyList<KnobType> userTypes, DiagnosticBag bag)
    {
        var types = new Dictionary<string, KnobType>(System.StringComparer.Ordinal);
        foreach (KnobType type in BuiltInKnobTypes.All) types[type.Name] = type;
        foreach (KnobType type in userTypes) types[type.Name] = type;

        if (rows.Count > KnobTableReader.MaxKnobs)
        {
            RawKnob extra = rows[KnobTableReader.MaxKnobs];
            bag.Add(KnobDiagnosticCatalog.TableTooLarge, extra.Location, rows.Count.ToString(CultureInfo.InvariantCulture) + " knobs",
                KnobTableReader.MaxKnobs.ToString(CultureInfo.InvariantCulture) + " knobs (this is the first one over)");
            return null;
        }
        var resolver = new KnobResolver(types, bag);
        var knobs = new List<Knob>();
        var byId = new Dictionary<int, Knob>();
        var reportedUnsupported = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (RawKnob row in rows)
        {
            if (bag.IsFull) return null;
            if (byId.TryGetValue(row.Id, out Knob? first))
            {
                bag.Add(KnobDiagnosticCatalog.DuplicateKnobId, row.IdField?.Location ?? row.Location, row.Id, first.Location);
                continue;
            }
            Knob? knob = resolver.Resolve(row);
            if (knob is null) continue;
            byId[knob.Id] = knob;
            knobs.Add(knob);
            if (knob.Status == KnobStatus.Unsupported && reportedUnsupported.Add(knob.Type))
            {
                bag.Add(KnobDiagnosticCatalog.UnsupportedKnobType, row.Type.Location, knob.Type, knob.UnsupportedReason);
            }
        }
        if (rows.Count == 0 && !bag.HasErrors)
        {
            bag.Add(KnobDiagnosticCatalog.EmptyTable, new SourceLocation(file, 1, 1));
        }
        if (bag.HasErrors) return null;
        ApplyParameterReuse(knobs, byId, types, bag);
        return new KnobTable(knobs, userTypes);
    }

    // HPVM runs perf_fp16/samp_fp16 knob N with the parameters of perf/samp knob N − 30: 151–168 use 121–138, 261–269 use 231–239 (docs/knob-tables.md).
    private static void ApplyParameterReuse(List<Knob> knobs, Dictionary<int, Knob> byId, Dictionary<string, KnobType> types, DiagnosticBag bag)
    {
        for (int i = 0; i < knobs.Count; i++)
        {
            Knob knob = knobs[i];
            if (knob.LiteralArguments || !BuiltInKnobTypes.ReusesParametersOfIdMinus30(knob.Type)) continue;
            string baseType = knob.Type.Substring(0, knob.Type.Length - KnobIdentity.HalfSuffix.Length);
            if (!byId.TryGetValue(knob.Id - 30, out Knob? source) || source.Type != baseType || source.LiteralArguments) continue;
            if (!source.Parameters.Equals(knob.Parameters))
            {
                bag.Add(KnobDiagnosticCatalog.ReusedParametersDiffer, knob.Location, knob.Id, knob.Parameters.Join(","),
                    source.Id.ToString(CultureInfo.InvariantCulture), source.Parameters.Join(","), baseType);
            }
            knobs[i] = knob with
            {
                ParametersFromId = source.Id,
                CallArguments = ArgumentTemplate.Apply(types[knob.Type], source.Parameters),
            };
        }
    }
}
