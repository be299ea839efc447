using System;
using System.Collections.Generic;
using System.Linq;
using Knobs.Configurations;
using Knobs.KnobTables;
using Knobs.Profiles;

namespace Knobs.Tables;

/// <summary>
/// Builds lookup tables from profiles: one table per benchmark, one column per knob variant. Profiles of
/// configuration runs (<c>run --config</c>) are left out (they are for validation, not prediction). Profiles from
/// different environments or settings are never mixed: that is an error naming both files and what differs.
/// </summary>
public static class TableBuilder
{
    /// <summary>Reads the profile files and builds the tables.</summary>
    public static TableBuildResult Build(IEnumerable<string> profilePaths)
    {
        var diagnostics = new List<ConfigurationDiagnostic>();
        List<(string Path, Profile Profile)> profiles = ProfileReader.ReadAll(profilePaths, diagnostics);
        TableBuildResult built = Build(profiles);
        return new TableBuildResult(diagnostics.Count > 0 && diagnostics.Any(d => d.IsError) ? Array.Empty<LookupTable>() : built.Tables,
            diagnostics.Concat(built.Diagnostics).ToList());
    }

    /// <summary>Builds the tables from profiles already read; <c>Path</c> names each in diagnostics and in the table's sources.</summary>
    public static TableBuildResult Build(IEnumerable<(string Path, Profile Profile)> profiles)
    {
        var diagnostics = new List<ConfigurationDiagnostic>();
        var usable = new List<(string Path, Profile Profile)>();
        foreach ((string path, Profile profile) in profiles.OrderBy(p => p.Path, StringComparer.Ordinal))
        {
            if (profile.Header.Configuration is not null || profile.Header.Knob is null) continue;
            if (profile.Summary.Failed)
            {
                diagnostics.Add(new ConfigurationDiagnostic(DiagnosticIds.FailedProfile, ConfigurationSeverity.Warning,
                    $"the run of {profile.Header.Benchmark} {profile.Header.Variant} failed ({profile.Summary.Error}); its profile is left out of the table",
                    path, 0, 0));
                continue;
            }
            usable.Add((path, profile));
        }
        if (usable.Count == 0)
        {
            diagnostics.Add(Error(DiagnosticIds.NoProfiles, "no knob-variant profiles to build a table from; run the variants first", "(profiles)", 0));
            return new TableBuildResult(Array.Empty<LookupTable>(), diagnostics);
        }
        var tables = new List<LookupTable>();
        // One table per device and benchmark: devices sit side by side, environments of one device never mix.
        foreach (var device in usable.GroupBy(p => p.Profile.Header.Device.Kind, StringComparer.Ordinal).OrderBy(g => DeviceOrder(g.Key)))
        {
            var onDevice = device.ToList();
            CheckOneEnvironment(onDevice, diagnostics);
            foreach (var group in onDevice.GroupBy(p => p.Profile.Header.Benchmark, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                LookupTable? table = BuildOne(group.Key, group.ToList(), diagnostics);
                if (table is not null) tables.Add(table);
            }
        }
        bool failed = diagnostics.Any(d => d.IsError);
        return new TableBuildResult(failed ? Array.Empty<LookupTable>() : tables, diagnostics);
    }

    // cpu, then gpu, then accelerators by name.
    private static string DeviceOrder(string kind) => kind switch { ProfileDevice.Cpu => "0", ProfileDevice.Gpu => "1", _ => "2" + kind };

    private static void CheckOneEnvironment(List<(string Path, Profile Profile)> profiles, List<ConfigurationDiagnostic> diagnostics)
    {
        (string firstPath, Profile first) = profiles[0];
        string key = EnvironmentComparison.Key(first.Header);
        foreach ((string path, Profile profile) in profiles.Skip(1))
        {
            if (EnvironmentComparison.Key(profile.Header) == key) continue;
            string diffs = string.Join(", ", EnvironmentComparison.Differences(first.Header, profile.Header));
            diagnostics.Add(Error(DiagnosticIds.MixedEnvironments,
                $"measured in a different environment or with different settings than {firstPath} ({diffs}); a table never mixes them. " +
                "Re-profile on one machine with one setting, or build separate tables from separate profile folders", path, 0));
        }
    }

    private static LookupTable? BuildOne(string benchmark, List<(string Path, Profile Profile)> profiles, List<ConfigurationDiagnostic> diagnostics)
    {
        var byKnob = new SortedDictionary<(int Id, string Approx), (string Path, Profile Profile)>();
        foreach (var entry in profiles)
        {
            ProfileKnob knob = entry.Profile.Header.Knob!;
            if (byKnob.TryGetValue((knob.Id, knob.Name), out var other))
            {
                diagnostics.Add(Error(DiagnosticIds.DuplicateProfile,
                    $"{benchmark} {knob.Identity.ColumnKey} is also measured by {other.Path}; keep one profile per benchmark and knob",
                    entry.Path, 0));
                continue;
            }
            byKnob.Add((knob.Id, knob.Name), entry);
        }
        var columns = byKnob.Values.ToList();
        // The structure comes from fp32 when there is one (the reference), else from the lowest knob id.
        var reference = columns.FirstOrDefault(c => c.Profile.Header.Knob!.Identity.IsBaseline);
        if (reference.Profile is null) reference = columns[0];
        List<List<OpRecord>> shape = GroupByNode(reference.Profile);
        for (int n = 0; n < shape.Count; n++)
        {
            if (shape[n][0].Node != n + 1)
            {
                diagnostics.Add(Error(DiagnosticIds.InconsistentNodes, FormattableString.Invariant(
                    $"{benchmark}: node ids must run 1..n without gaps, found node {shape[n][0].Node} in position {n + 1}"), reference.Path, 0));
                return null;
            }
        }
        bool consistent = true;
        var perColumn = new List<List<List<OpRecord>>>();
        foreach (var column in columns)
        {
            List<List<OpRecord>> nodes = GroupByNode(column.Profile);
            string? problem = CompareShape(shape, nodes);
            if (problem is not null)
            {
                consistent = false;
                diagnostics.Add(Error(DiagnosticIds.InconsistentNodes,
                    $"{benchmark} {column.Profile.Header.Variant}: {problem}, unlike {reference.Path}; profiles of one benchmark must come from the same build",
                    column.Path, 0));
            }
            perColumn.Add(nodes);
        }
        if (!consistent) return null;
        double[]? scales = Scales(columns.Select(c => c.Profile).ToList());
        var knobs = columns.Select((c, i) => new TableKnob(c.Profile.Header.Knob!.Name, c.Profile.Header.Knob.Id, c.Profile.Qos,
            c.Profile.Summary.Time.Scaled(scales?[i] ?? 1), c.Profile.Summary.Energy) { Host = c.Profile.Header.Environment.Host, Scale = scales?[i] }).ToList();
        var tableNodes = new List<TableNode>(shape.Count);
        for (int n = 0; n < shape.Count; n++)
        {
            var ops = new List<TableOp>(shape[n].Count);
            for (int o = 0; o < shape[n].Count; o++)
            {
                var records = perColumn.Select(c => c[n][o]).ToList();
                var cells = records.Select((r, i) =>
                {
                    ProfileStatistics time = r.Time.Scaled(scales?[i] ?? 1);
                    return (TableCell?)new TableCell(r.Op, r.Approx, time.Mean, time, r.Energy, r.Features, r.Provenance, r.Modelled);
                }).ToList();
                ConversionCost? Cost(Func<OpRecord, ConversionCost> pick) =>
                    Conversion(records.Select((r, i) => scales is null ? pick(r) : new ConversionCost(pick(r).Time * scales[i], pick(r).Energy)));
                ops.Add(new TableOp(shape[n][o].Kind, cells, Cost(r => r.F2h), Cost(r => r.H2f), Cost(r => r.H2d), Cost(r => r.D2h)));
            }
            tableNodes.Add(new TableNode(shape[n][0].Node, shape[n][0].NodeName, ops));
        }
        ProfileHeader header = reference.Profile.Header;
        return new LookupTable(benchmark, header.Environment, header.Settings, knobs, tableNodes, columns.Select(c => c.Path).ToList(), header.Device);
    }

    /// <summary>
    /// Per column, the factor that puts its times on the table's common scale, or null to keep them as measured. When
    /// every column's variant was measured interleaved with the same baseline (ProfileTable pairs each variant with fp32),
    /// each profile also holds that baseline's time measured beside it. On a machine whose speed drifts between variants
    /// measured minutes apart, that time moves with the machine: dividing a column's times by it and multiplying by the
    /// median of all of them (the reference) removes the drift, so that columns measured in a slow spell and in a fast
    /// one add up as if measured together. Energy is left as measured.
    /// </summary>
    internal static double[]? Scales(IReadOnlyList<Profile> columns)
    {
        if (columns.Count == 0 || columns.Any(c => c.Summary.Paired is null)) return null;
        string baseline = columns[0].Summary.Paired!.Baseline;
        if (columns.Any(c => c.Summary.Paired!.Baseline != baseline)) return null;
        double[] times = columns.Select(c => c.Summary.Paired!.Time.Mean).ToArray();
        if (times.Any(t => !(t > 0) || double.IsInfinity(t))) return null;
        double reference = Knobs.Statistics.TukeyFilter.Quantile(times.OrderBy(t => t).ToArray(), 0.5);
        return times.Select(t => reference / t).ToArray();
    }

    /// <summary>The mean of the conversions that happened (time &gt; 0); null when none did in any variant.</summary>
    private static ConversionCost? Conversion(IEnumerable<ConversionCost> costs)
    {
        var happened = costs.Where(c => c.Time > 0).ToList();
        if (happened.Count == 0) return null;
        double? energy = happened.All(c => c.Energy is not null) ? happened.Average(c => c.Energy!.Value) : null;
        return new ConversionCost(happened.Average(c => c.Time), energy);
    }

    private static List<List<OpRecord>> GroupByNode(Profile profile) =>
        profile.Ops.OrderBy(o => o.Index).GroupBy(o => o.Node).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();

    private static string? CompareShape(List<List<OpRecord>> expected, List<List<OpRecord>> actual)
    {
        if (expected.Count != actual.Count)
        {
            return FormattableString.Invariant($"{actual.Count} nodes instead of {expected.Count}");
        }
        for (int n = 0; n < expected.Count; n++)
        {
            string want = string.Join(" ", expected[n].Select(o => o.Kind));
            string got = string.Join(" ", actual[n].Select(o => o.Kind));
            if (expected[n][0].Node != actual[n][0].Node || want != got)
            {
                return FormattableString.Invariant($"node {actual[n][0].Node} is '{got}' where node {expected[n][0].Node} is '{want}'");
            }
        }
        return null;
    }

    private static ConfigurationDiagnostic Error(string id, string message, string file, int line) =>
        new(id, ConfigurationSeverity.Error, message, file, line, 0);
}
