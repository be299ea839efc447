using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Knobs.KnobTables;

namespace Knobs.Tasks.Profiling;

/// <summary>
/// <c>KnobsVariants</c>: a list separated by spaces, <c>;</c> or <c>,</c> (on the command line spaces are easiest: <c>-p:"KnobsVariants=perf_* samp_231"</c>) of patterns (<c>*</c> and <c>?</c> wildcards), each
/// matched against <c>variant</c> and <c>Benchmark/variant</c>. Empty selects everything. fp32 baselines are
/// always kept: speedups and output quality are relative to them.
/// </summary>
internal sealed class VariantFilter
{
    private readonly Regex[] _patterns;
    private readonly string[] _texts;

    public VariantFilter(string? filter)
    {
        Text = filter ?? "";
        _texts = (filter ?? "").Split(new[] { ';', ',', ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Trim())
            .Where(p => p.Length > 0)
            .ToArray();
        _patterns = _texts.Select(p => new Regex("^" + Regex.Escape(p).Replace("\\*", ".*").Replace("\\?", ".") + "$",
                RegexOptions.CultureInvariant | RegexOptions.IgnoreCase))
            .ToArray();
    }

    public bool IsEmpty => _patterns.Length == 0;

    /// <summary>The filter as given.</summary>
    public string Text { get; }

    /// <summary>How many patterns the filter has.</summary>
    public int PatternCount => _patterns.Length;

    /// <summary>
    /// The patterns that match none of <paramref name="variants"/> by themselves (a baseline kept only because baselines
    /// are always profiled is no match).
    /// </summary>
    public IReadOnlyList<string> Unmatched(IEnumerable<(string Benchmark, string Variant)> variants)
    {
        var all = variants.ToList();
        return Enumerable.Range(0, _patterns.Length)
            .Where(i => !all.Any(v => _patterns[i].IsMatch(v.Variant) || _patterns[i].IsMatch(v.Benchmark + "/" + v.Variant)))
            .Select(i => _texts[i])
            .ToList();
    }

    public bool Includes(string benchmark, string variant) =>
        _patterns.Length == 0 || IsBaseline(variant) ||
        _patterns.Any(p => p.IsMatch(variant) || p.IsMatch(benchmark + "/" + variant));

    /// <summary>The fp32 variant every other variant is compared with.</summary>
    public static bool IsBaseline(string variant) => KnobIdentity.IsBaselineVariantName(variant, ignoreCase: true);
}
