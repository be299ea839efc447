using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Knobs.Generators.Diagnostics;
using Knobs.Generators.Model;
using Knobs.KnobTables;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Knobs.Generators.Tables;

/// <summary>
/// Reads the project's knob tables (or the built-in HPVM table when there are none) with Knobs.Core's readers and
/// turns them into <see cref="KnobSpec"/>s; table problems become diagnostics at the table's file and line.
/// </summary>
internal static class KnobSetLoader
{
    public static KnobSetSpec Load(ImmutableArray<KnobTableFile> files)
    {
        var diagnostics = new List<DiagnosticInfo>();
        // Rows the readers already reported as unsupported (user tables): KNB0107 would say it twice.
        var reportedUnsupported = new HashSet<(string, int)>();
        var texts = files.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);
        KnobTable? table;
        if (files.IsDefaultOrEmpty)
        {
            table = KnobTable.Default;
        }
        else
        {
            var tables = new List<KnobTable>();
            foreach (KnobTableFile file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                KnobTableReadResult result = KnobTableReader.Read(file.Path, file.Text);
                diagnostics.AddRange(result.Diagnostics.Select(d => Map(d, texts)));
                foreach (KnobDiagnostic d in result.Diagnostics.Where(d => d.Id == KnobDiagnosticIds.UnsupportedKnobType))
                {
                    reportedUnsupported.Add((d.Location.File, d.Location.Line));
                }
                if (result.Table is not null) tables.Add(result.Table);
            }
            KnobTableReadResult merged = KnobTable.Merge(tables);
            diagnostics.AddRange(merged.Diagnostics.Select(d => Map(d, texts)));
            table = merged.Table;
        }

        var knobs = new List<KnobSpec>();
        var locations = new List<KnobLocation>();
        if (table is not null && !table.Knobs.Any(k => KnobIdentity.IsBaselineApprox(k.Type)))
        {
            // The template itself is the fp32 reference: QoS and the table's baseline exist whatever knobs a table lists
            // (HPVM's classic tables list only approximate knobs).
            KnobSpec baseline = ToSpec(Baseline.Value.Knobs[0], Baseline.Value);
            knobs.Add(baseline);
            locations.Add(new KnobLocation(baseline.Id, null));
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ImplicitBaseline,
                Locate(table.Knobs.Count > 0 ? table.Knobs[0].Location : default, texts), baseline.VariantName));
        }
        foreach (Knob knob in table?.Knobs ?? ValueArray<Knob>.Empty)
        {
            KnobSpec spec = ToSpec(knob, table!);
            LocationInfo? location = Locate(knob.Location, texts);
            // The readers accept only checked literals; this keeps anything else out of generated code whatever a reader does.
            string? unsafeArgument = knob.CallArguments.FirstOrDefault(a => !ArgumentTemplate.IsSafeArgument(a));
            if (unsafeArgument is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UncheckedCallArgument, location, spec.VariantName, TextLines.Quote(unsafeArgument)));
                continue;
            }
            if (spec.Unsupported is not null && !reportedUnsupported.Contains((knob.Location.File, knob.Location.Line)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.KnobUnsupported, location, spec.VariantName, spec.Unsupported));
            }
            knobs.Add(spec);
            locations.Add(new KnobLocation(knob.Id, location));
        }
        return new KnobSetSpec(knobs.ToEquatableArray(), locations.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    // HPVM's fp32 knob (id 11), read like any table row.
    private static readonly Lazy<KnobTable> Baseline = new(() =>
        KnobTableReader.Read("", FormattableString.Invariant($"knobs:\n  - {{type: {KnobIdentity.Fp32.Approx}, id: {KnobIdentity.Fp32.Id}, speedup: 1.0}}\n")).Table
        ?? throw new InvalidOperationException("the built-in fp32 knob did not read"));

    private static KnobSpec ToSpec(Knob knob, KnobTable table)
    {
        bool rewritesCall = !table.TryGetType(knob.Type, out KnobType? type) || type.RewritesCall;
        bool fp16 = knob.Precision == KnobIdentity.Fp16Word;
        KnobRewrite rewrite = rewritesCall ? KnobRewrite.Replace : fp16 ? KnobRewrite.Precision : KnobRewrite.Baseline;
        string? unsupported = knob.Status == KnobStatus.Unsupported ? knob.UnsupportedReason ?? "Knobs cannot run this knob type" : null;
        return new KnobSpec(
            knob.Type,
            knob.Id,
            knob.Parameters.ToEquatableArray(),
            knob.Speedup,
            rewrite,
            fp16,
            // User-defined ops are not in Knobs' alias table: the name as written is looked up among the template's [TensorOp]s.
            knob.KnobsFromOp ?? OpName(knob.FromOp),
            knob.KnobsToOp ?? OpName(knob.ToOp),
            knob.CallArguments.ToEquatableArray(),
            knob.AppliesTo.ToEquatableArray(),
            unsupported);
    }

    private static string? OpName(string written)
    {
        if (string.IsNullOrEmpty(written)) return null;
        int dot = written.LastIndexOf('.');
        return dot >= 0 ? written.Substring(dot + 1) : written;
    }

    private static DiagnosticInfo Map(KnobDiagnostic diagnostic, Dictionary<string, string> texts)
    {
        DiagnosticSeverity severity = DiagnosticDescriptors.ToRoslyn(diagnostic.Severity);
        return new DiagnosticInfo(diagnostic.Id, Locate(diagnostic.Location, texts), new[] { diagnostic.Message }.ToEquatableArray(), severity);
    }

    /// <summary>From the reader's 1-based line/column to a span covering the rest of that line.</summary>
    internal static LocationInfo? Locate(SourceLocation location, Dictionary<string, string> texts)
    {
        if (string.IsNullOrEmpty(location.File)) return null;
        int line = Math.Max(location.Line, 1) - 1;
        int column = Math.Max(location.Column, 1) - 1;
        if (!texts.TryGetValue(location.File, out string? text))
        {
            var point = new LinePosition(line, column);
            return new LocationInfo(location.File, new TextSpan(0, 0), new LinePositionSpan(point, point));
        }
        SourceText source = SourceText.From(text);
        if (line >= source.Lines.Count) line = source.Lines.Count - 1;
        TextLine textLine = source.Lines[line];
        int start = Math.Min(textLine.Start + column, textLine.End);
        var span = TextSpan.FromBounds(start, textLine.End);
        return new LocationInfo(location.File, span, source.Lines.GetLinePositionSpan(span));
    }
}
