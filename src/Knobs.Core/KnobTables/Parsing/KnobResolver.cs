using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Knobs.KnobTables;

/// <summary>Turns a parsed row into a <see cref="Knob"/>: type lookup, numbers, rates, op aliases, call arguments.</summary>
internal sealed class KnobResolver
{
    private readonly IReadOnlyDictionary<string, KnobType> types;
    private readonly DiagnosticBag bag;

    public KnobResolver(IReadOnlyDictionary<string, KnobType> types, DiagnosticBag bag)
    {
        this.types = types;
        this.bag = bag;
    }

    /// <summary>The knob, or null when the row has an error (already reported).</summary>
    public Knob? Resolve(RawKnob raw)
    {
        string label = raw.Type.Text + "," + raw.Id.ToString(CultureInfo.InvariantCulture);
        if (!types.TryGetValue(raw.Type.Text, out KnobType? type) || (raw.Classic && !BuiltInKnobTypes.ClassicTypeNames.Contains(raw.Type.Text)))
        {
            IEnumerable<string> names = raw.Classic ? BuiltInKnobTypes.ClassicTypeNames : types.Keys.OrderBy(n => n, StringComparer.Ordinal);
            bag.Add(KnobDiagnosticCatalog.UnknownKnobType, raw.Type.Location, TextLines.Quote(raw.Type.Text), string.Join(", ", names));
            return null;
        }
        bool ok = CheckParameters(raw, type, label);
        ok &= TryParseSpeedup(raw.Speedup, label, out double speedup);
        string? from = ResolveOp(raw.From, type.FromOp, "from", raw, type, label, ref ok);
        string? to = ResolveOp(raw.To, type.ToOp, "to", raw, type, label, ref ok);
        ok &= CheckAppliesTo(raw, type, label);
        if (raw.Device is Located device && device.Text != "dev" && device.Text != "install")
        {
            bag.Add(KnobDiagnosticCatalog.UnknownDevice, device.Location, label, TextLines.Quote(device.Text));
        }
        if (!ok) return null;

        var parameters = ValueArray.From(raw.Parameters.Select(p => p.Text));
        bool half = type.Precision == KnobIdentity.Fp16Word || (from is not null && OpAliases.IsHalf(from)) || (to is not null && OpAliases.IsHalf(to));
        return new Knob
        {
            Type = type.Name,
            Id = raw.Id,
            Parameters = parameters,
            LiteralArguments = raw.LiteralArguments,
            Speedup = speedup,
            FromOp = raw.From?.Text ?? type.FromOp,
            ToOp = raw.To?.Text ?? type.ToOp,
            KnobsFromOp = from,
            KnobsToOp = to,
            CallArguments = raw.LiteralArguments ? parameters : ArgumentTemplate.Apply(type, parameters),
            Precision = half ? KnobIdentity.Fp16Word : KnobIdentity.Fp32Word,
            AppliesTo = raw.AppliesTo is null ? type.AppliesTo : ValueArray.From(raw.AppliesTo.Select(a => a.Text)),
            Device = raw.Device?.Text,
            Status = type.Supported ? KnobStatus.Supported : KnobStatus.Unsupported,
            UnsupportedReason = type.UnsupportedReason,
            Location = raw.Location,
        };
    }

    private bool CheckParameters(RawKnob raw, KnobType type, string label)
    {
        List<Located> ps = raw.Parameters;
        // Literal arguments of built-in types are ConvApprox's row, col, skip, offset (classic format); a user type's are free.
        bool convApproxLiteral = raw.LiteralArguments && type.IsBuiltIn;
        int expected = convApproxLiteral ? (type.RewritesCall ? 4 : 0) : raw.LiteralArguments ? ps.Count : type.ParameterNames.Count;
        if (ps.Count != expected)
        {
            string names = raw.LiteralArguments ? (expected == 0 ? "none" : "row, col, skip, offset") : (expected == 0 ? "none" : type.ParameterNames.Join(", "));
            string hint = expected == 0 ? "write -1 for no parameters" : "write them comma-separated without spaces";
            bag.Add(KnobDiagnosticCatalog.WrongParameterCount, raw.ParametersLocation, label, type.Name, ps.Count, expected, names, hint);
            return false;
        }
        bool integersOnly = type.IsBuiltIn;
        var values = new long[ps.Count];
        for (int i = 0; i < ps.Count; i++)
        {
            // Parameters reach generated code as call arguments: an integer must fit int, a number must be a checked literal.
            int value = 0;
            if (integersOnly ? !int.TryParse(ps[i].Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) : !ArgumentTemplate.IsNumberLiteral(ps[i].Text))
            {
                bag.Add(KnobDiagnosticCatalog.InvalidParameter, ps[i].Location, i + 1, TextLines.Quote(ps[i].Text), label, integersOnly ? "an integer from -2147483648 to 2147483647" : "a number literal such as 2, -1 or 0.5 that fits int or double");
                return false;
            }
            if (integersOnly) values[i] = value;
        }
        if (!type.Supported || !type.RewritesCall || !type.IsBuiltIn) return true;
        return convApproxLiteral
            ? RateRules.CheckConvApprox(values[0], values[1], values[2], values[3], ps, label, bag)
            : type.ParameterNames[0] == "row"
                ? RateRules.CheckPerforation(values[0], values[1], values[2], ps, label, bag)
                : RateRules.CheckSampling(values[0], values[1], ps, label, bag);
    }

    private bool TryParseSpeedup(Located field, string label, out double speedup)
    {
        if (double.TryParse(field.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out speedup) && speedup > 0 && !double.IsInfinity(speedup))
        {
            return true;
        }
        bag.Add(KnobDiagnosticCatalog.InvalidSpeedup, field.Location, TextLines.Quote(field.Text), label);
        return false;
    }

    private string? ResolveOp(Located? field, string typeDefault, string role, RawKnob raw, KnobType type, string label, ref bool ok)
    {
        string name = field?.Text ?? typeDefault;
        if (name.Length == 0) return null;
        string? op = OpAliases.Resolve(name);
        // In YAML a plain identifier names the user's own [TensorOp] method: it stays null here and the generator
        // looks the name as written up among the template's ops.
        if (op is null && type.Supported && !(raw.AllowUserOps && IsUserOpName(name)))
        {
            bag.Add(KnobDiagnosticCatalog.UnknownOp, field?.Location ?? raw.Location, role, TextLines.Quote(name), label);
            ok = false;
        }
        return op;
    }

    private bool CheckAppliesTo(RawKnob raw, KnobType type, string label)
    {
        if (raw.AppliesTo is null) return true;
        foreach (Located target in raw.AppliesTo)
        {
            bool known = OpAliases.ExpandAppliesTo(target.Text).Length > 0 || (raw.AllowUserOps && IsUserOpName(target.Text));
            if (!known && type.Supported)
            {
                bag.Add(KnobDiagnosticCatalog.UnknownAppliesTo, target.Location, label, TextLines.Quote(target.Text));
                return false;
            }
        }
        return true;
    }

    /// <summary>A user-defined op or op kind (YAML only): an identifier (dots allowed) that is not an HPVM <c>tensor…</c> name.</summary>
    internal static bool IsUserOpName(string name)
    {
        if (name.Length == 0 || name.StartsWith("tensor", StringComparison.Ordinal) || name[0] == '.' || name[name.Length - 1] == '.') return false;
        if (!(char.IsLetter(name[0]) || name[0] == '_')) return false;
        foreach (char c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_' || c == '.')) return false;
        }
        return true;
    }
}
