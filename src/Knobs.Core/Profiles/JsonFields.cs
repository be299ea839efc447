using System.Globalization;
using System.Text.Json;

namespace Knobs.Profiles;

/// <summary>Typed access to the fields of one JSON object, failing with file, line and field path.</summary>
internal readonly struct JsonFields
{
    private readonly JsonElement _element;
    private readonly string _file;
    private readonly int _line;
    private readonly string _path;

    public JsonFields(JsonElement element, string file, int line, string path)
    {
        _element = element;
        _file = file;
        _line = line;
        _path = path;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Fail($"'{(path.Length == 0 ? "line" : path)}' must be a JSON object, found {element.ValueKind}");
        }
    }

    public ProfileFormatException Fail(string problem) => new(_file, _line, problem);

    public string String(string name) => OptString(name) ?? throw Fail($"field '{Path(name)}' is missing or null");

    public string? OptString(string name)
    {
        JsonElement? v = Get(name);
        if (v is null) return null;
        if (v.Value.ValueKind != JsonValueKind.String) throw WrongKind(name, "a string", v.Value);
        try
        {
            return v.Value.GetString();
        }
        catch (System.InvalidOperationException)
        {
            // A lone surrogate escape ("\ud800") is valid JSON but no valid string.
            throw Fail($"field '{Path(name)}' holds an invalid escape (a lone UTF-16 surrogate such as \\ud800); rewrite the value");
        }
    }

    public double Double(string name) => OptDouble(name) ?? throw Fail($"field '{Path(name)}' is missing or null");

    public double? OptDouble(string name)
    {
        JsonElement? v = Get(name);
        if (v is null) return null;
        if (v.Value.ValueKind != JsonValueKind.Number || !v.Value.TryGetDouble(out double d)) throw WrongKind(name, "a number", v.Value);
        if (double.IsNaN(d) || double.IsInfinity(d)) throw Fail($"field '{Path(name)}' is {Shorten(v.Value.GetRawText())}, beyond the range of a double");
        return d;
    }

    /// <summary>The largest time (ms) or energy (J) a record may hold: about 31 years in milliseconds.</summary>
    public const double MaxMeasure = 1e12;

    /// <summary>A measured time or energy: a number from 0 to <see cref="MaxMeasure"/>.</summary>
    public double Measure(string name) => OptMeasure(name) ?? throw Fail($"field '{Path(name)}' is missing or null");

    /// <summary>An optional measured time or energy: a number from 0 to <see cref="MaxMeasure"/>, or null.</summary>
    public double? OptMeasure(string name)
    {
        double? d = OptDouble(name);
        if (d is double value && (value < 0 || value > MaxMeasure))
        {
            throw Fail($"field '{Path(name)}' is {value.ToString("R", CultureInfo.InvariantCulture)}, but a time or energy must be from 0 to 1e12");
        }
        return d;
    }

    public int Int(string name) => OptInt(name) ?? throw Fail($"field '{Path(name)}' is missing or null");

    /// <summary>A non-negative whole number that may exceed int (FLOPs, bytes).</summary>
    public long Count(string name)
    {
        JsonElement? v = Get(name);
        if (v is null) throw Fail($"field '{Path(name)}' is missing or null");
        if (v.Value.ValueKind != JsonValueKind.Number || !v.Value.TryGetInt64(out long n) || n < 0) throw WrongKind(name, "a non-negative integer", v.Value);
        return n;
    }

    /// <summary>An array of non-negative integers, or null.</summary>
    public int[]? Ints(string name)
    {
        JsonElement? v = Get(name);
        if (v is null) return null;
        if (v.Value.ValueKind != JsonValueKind.Array) throw WrongKind(name, "an array of integers", v.Value);
        var values = new System.Collections.Generic.List<int>();
        foreach (JsonElement e in v.Value.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out int x) || x < 0) throw WrongKind(name, "an array of non-negative integers", v.Value);
            values.Add(x);
        }
        return values.ToArray();
    }

    /// <summary>The names of this object's properties.</summary>
    public System.Collections.Generic.IReadOnlyList<string> PropertyNames()
    {
        var names = new System.Collections.Generic.List<string>();
        try
        {
            foreach (JsonProperty p in _element.EnumerateObject()) names.Add(p.Name);
        }
        catch (System.InvalidOperationException)
        {
            throw Fail($"'{(_path.Length == 0 ? "line" : _path)}' has a property name with an invalid escape (a lone UTF-16 surrogate such as \\ud800)");
        }
        return names;
    }

    public int? OptInt(string name)
    {
        JsonElement? v = Get(name);
        if (v is null) return null;
        if (v.Value.ValueKind != JsonValueKind.Number || !v.Value.TryGetInt32(out int i)) throw WrongKind(name, "an integer", v.Value);
        return i;
    }

    public bool Bool(string name)
    {
        JsonElement? v = Get(name);
        if (v is null) throw Fail($"field '{Path(name)}' is missing or null");
        return v.Value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongKind(name, "true or false", v.Value),
        };
    }

    public JsonFields Object(string name) => OptObject(name) ?? throw Fail($"field '{Path(name)}' is missing or null");

    public JsonFields? OptObject(string name)
    {
        JsonElement? v = Get(name);
        if (v is null) return null;
        return new JsonFields(v.Value, _file, _line, Path(name));
    }

    public JsonElement.ArrayEnumerator Array(string name)
    {
        JsonElement? v = Get(name);
        if (v is null) throw Fail($"field '{Path(name)}' is missing or null");
        if (v.Value.ValueKind != JsonValueKind.Array) throw WrongKind(name, "an array", v.Value);
        return v.Value.EnumerateArray();
    }

    public JsonFields Element(JsonElement element, string name, int index) =>
        new(element, _file, _line, Path(name) + "[" + index.ToString(CultureInfo.InvariantCulture) + "]");

    private JsonElement? Get(string name)
    {
        JsonElement v;
        try
        {
            if (!_element.TryGetProperty(name, out v) || v.ValueKind == JsonValueKind.Null) return null;
        }
        catch (System.InvalidOperationException)
        {
            // A property name with a lone surrogate escape ("\ud800") is valid JSON that no lookup can compare.
            throw Fail($"'{(_path.Length == 0 ? "line" : _path)}' has a property name with an invalid escape (a lone UTF-16 surrogate such as \\ud800)");
        }
        return v;
    }

    private string Path(string name) => _path.Length == 0 ? name : _path + "." + name;

    private ProfileFormatException WrongKind(string name, string expected, JsonElement found) =>
        Fail($"field '{Path(name)}' must be {expected}, found {found.ValueKind} {Shorten(found.GetRawText())}");

    private static string Shorten(string raw) => raw.Length <= 40 ? raw : raw.Substring(0, 40) + "…";
}
