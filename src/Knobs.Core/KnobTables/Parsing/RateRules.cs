using System;
using System.Collections.Generic;

namespace Knobs.KnobTables;

/// <summary>
/// Validity of perforation and sampling parameters (docs/knob-tables.md, "Rates and offsets"). A rate of 1 means "not this approximation", so a knob
/// needs one rate of at least 2; rates below 1 are meaningless; the offset must lie in [0, rate).
/// </summary>
internal static class RateRules
{
    /// <summary>Release-format perf: <c>row,col,offset</c>; exactly one of row, col is at least 2.</summary>
    public static bool CheckPerforation(long row, long col, long offset, List<Located> ps, string label, DiagnosticBag bag)
    {
        if (row < 1 || col < 1)
        {
            return Fail(bag, ps[row < 1 ? 0 : 1], label, FormattableString.Invariant($"the perforation rates row={row}, col={col} must be at least 1 (1 means that direction is not perforated)"));
        }
        if (row == 1 && col == 1)
        {
            return Fail(bag, ps[0], label, "row=1 and col=1 perforate nothing; set row or col to 2 or more (a rate of 1 means no perforation)");
        }
        if (row > 1 && col > 1)
        {
            return Fail(bag, ps[1], label, FormattableString.Invariant($"row={row} and col={col} are both above 1, but a convolution is perforated along rows or columns, not both; set one of them to 1"));
        }
        long rate = row > 1 ? row : col;
        return CheckOffset(offset, rate, row > 1 ? "row" : "col", "perforation rate", ps[2], label, bag);
    }

    /// <summary>Release-format samp: <c>skip,offset,_</c>; skip is at least 2.</summary>
    public static bool CheckSampling(long skip, long offset, List<Located> ps, string label, DiagnosticBag bag)
    {
        if (skip < 2)
        {
            return Fail(bag, ps[0], label, FormattableString.Invariant($"the sampling skip {skip} must be 2 or more (a skip of 1 samples nothing away)"));
        }
        return CheckOffset(offset, skip, "skip", "sampling skip", ps[1], label, bag);
    }

    /// <summary>Classic format: the four ConvApprox arguments <c>row,col,skip,offset</c>; the first rate above 1 applies.</summary>
    public static bool CheckConvApprox(long row, long col, long skip, long offset, List<Located> ps, string label, DiagnosticBag bag)
    {
        if (row < 1 || col < 1 || skip < 1)
        {
            int bad = row < 1 ? 0 : col < 1 ? 1 : 2;
            return Fail(bag, ps[bad], label, FormattableString.Invariant($"row={row}, col={col}, skip={skip} must each be at least 1 (1 means not that approximation)"));
        }
        if (row == 1 && col == 1 && skip == 1)
        {
            return Fail(bag, ps[0], label, "row, col and skip are all 1, which approximates nothing; set one of them to 2 or more");
        }
        (long rate, string name) = row > 1 ? (row, "row") : col > 1 ? (col, "col") : (skip, "skip");
        return CheckOffset(offset, rate, name, name == "skip" ? "sampling skip" : "perforation rate", ps[3], label, bag);
    }

    private static bool CheckOffset(long offset, long rate, string rateName, string what, Located field, string label, DiagnosticBag bag)
    {
        if (offset >= 0 && offset < rate) return true;
        bag.Add(KnobDiagnosticCatalog.OffsetOutOfRange, field.Location, label, offset, what, rateName + "=" + rate, rate - 1);
        return false;
    }

    private static bool Fail(DiagnosticBag bag, Located field, string label, string message)
    {
        bag.Add(KnobDiagnosticCatalog.InvalidRate, field.Location, label, message);
        return false;
    }
}
