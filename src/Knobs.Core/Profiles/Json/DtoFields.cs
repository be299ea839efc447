using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Knobs.Profiles.Json;

/// <summary>
/// The validation pass over a deserialized DTO: where in the file it is (file, line, field path) and typed checks that fail
/// with <see cref="ProfileFormatException"/> naming the field (<c>field 'time.median' is missing or null</c>).
/// </summary>
internal readonly struct DtoFields
{
    /// <summary>The largest time (ms) or energy (J) a record may hold: about 31 years in milliseconds.</summary>
    public const double MaxMeasure = 1e12;

    private readonly string _file;
    private readonly int _line;
    private readonly string _path;

    public DtoFields(string file, int line, string path = "")
    {
        _file = file;
        _line = line;
        _path = path;
    }

    public ProfileFormatException Fail(string problem) => new(_file, _line, problem);

    /// <summary>The fields of the object in field <paramref name="name"/>.</summary>
    public DtoFields In(string name) => new(_file, _line, Path(name));

    /// <summary>The fields of element <paramref name="index"/> of the array in field <paramref name="name"/>.</summary>
    public DtoFields In(string name, int index) => new(_file, _line, Item(name, index));

    public T Required<T>(T? value, string name) where T : class => value ?? throw Missing(name);

    public int Required(int? value, string name) => value ?? throw Missing(name);

    public bool Required(bool? value, string name) => value ?? throw Missing(name);

    /// <summary>A finite number.</summary>
    public double Number(double? value, string name) => OptNumber(value, name) ?? throw Missing(name);

    /// <summary>A finite number, or null.</summary>
    public double? OptNumber(double? value, string name)
    {
        if (value is double d && (double.IsNaN(d) || double.IsInfinity(d))) throw Fail($"field '{Path(name)}' is {d.ToString(CultureInfo.InvariantCulture)}, beyond the range of a double");
        return value;
    }

    /// <summary>An optional number from <paramref name="min"/> to <paramref name="max"/> (<paramref name="what"/> says why), or null.</summary>
    public double? OptRange(double? value, string name, double min, double max, string what)
    {
        if (OptNumber(value, name) is double d && (d < min || d > max))
        {
            throw Fail($"field '{Path(name)}' is {d.ToString("R", CultureInfo.InvariantCulture)}, but {what} must be from " +
                $"{min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        }
        return value;
    }

    /// <summary>A measured time or energy: a number from 0 to <see cref="MaxMeasure"/>.</summary>
    public double Measure(double? value, string name) => OptMeasure(value, name) ?? throw Missing(name);

    /// <summary>An optional measured time or energy: a number from 0 to <see cref="MaxMeasure"/>, or null.</summary>
    public double? OptMeasure(double? value, string name)
    {
        if (OptNumber(value, name) is double d && (d < 0 || d > MaxMeasure))
        {
            throw Fail($"field '{Path(name)}' is {d.ToString("R", CultureInfo.InvariantCulture)}, but a time or energy must be from 0 to 1e12");
        }
        return value;
    }

    /// <summary>A non-negative whole number that may exceed int (FLOPs, bytes).</summary>
    public long Count(long? value, string name)
    {
        long n = value ?? throw Missing(name);
        if (n < 0) throw Fail($"field '{Path(name)}' must be a non-negative integer, found {n.ToString(CultureInfo.InvariantCulture)}");
        return n;
    }

    /// <summary>An array of non-negative integers (a shape).</summary>
    public int[] Ints(int[]? values, string name) => OptInts(values, name) ?? throw Missing(name);

    /// <summary>An array of non-negative integers, or null.</summary>
    public int[]? OptInts(int[]? values, string name)
    {
        if (values is not null && Array.Exists(values, v => v < 0)) throw Fail($"field '{Path(name)}' must be an array of non-negative integers");
        return values;
    }

    public ProfileFormatException Missing(string name) => Fail($"field '{Path(name)}' is missing or null");

    public string Path(string name) => _path.Length == 0 ? name : _path + "." + name;

    public string Item(string name, int index) => Path(name) + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>
    /// Deserializes <paramref name="element"/> as <typeparamref name="T"/>; a value of the wrong JSON kind, out of range
    /// or with an invalid escape becomes a <see cref="ProfileFormatException"/> naming the field path.
    /// </summary>
    public static T Deserialize<T>(JsonElement element, JsonTypeInfo<T> info, string file, int line) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(element, info) ?? throw new ProfileFormatException(file, line, "the line must be a JSON object, found null");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException or ArgumentException)
        {
            throw new ProfileFormatException(file, line, Diagnose(e as JsonException, element, typeof(T)));
        }
    }

    /// <summary>What is wrong where the serializer stopped: walks its JSON path through the element and the DTO types.</summary>
    private static string Diagnose(JsonException? e, JsonElement element, Type dto)
    {
        string path = "";
        Type? type = dto;
        JsonElement current = element;
        foreach (object segment in Segments(e?.Path))
        {
            if (!NamesReadable(current)) return NameProblem(path);
            if (segment is string name && current.ValueKind == JsonValueKind.Object && current.TryGetProperty(name, out JsonElement child))
            {
                current = child;
                type = Member(type, name);
                path = path.Length == 0 ? name : path + "." + name;
            }
            else if (segment is int index && current.ValueKind == JsonValueKind.Array && index < current.GetArrayLength())
            {
                current = current[index];
                type = Element(type);
                path += "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
            }
            else
            {
                break;
            }
        }
        if (!NamesReadable(current)) return NameProblem(path);
        if (current.ValueKind == JsonValueKind.String)
        {
            try
            {
                current.GetString();
            }
            catch (InvalidOperationException)
            {
                return $"field '{path}' holds an invalid escape (a lone UTF-16 surrogate such as \\ud800); rewrite the value";
            }
        }
        string raw = current.GetRawText();
        string shown = raw.Length <= 40 ? raw : raw.Substring(0, 40) + "…";
        string? expected = Expected(type);
        if (expected == "a number" && current.ValueKind == JsonValueKind.Number) return $"field '{path}' is {shown}, beyond the range of a double";
        if (expected is not null && path.Length > 0) return $"field '{path}' must be {expected}, found {current.ValueKind} {shown}";
        if (expected is not null) return $"'line' must be {expected}, found {current.ValueKind}";
        return $"field '{(path.Length == 0 ? "line" : path)}' cannot be read: {e?.Message}";
    }

    /// <summary>Fails when a property name of the object holds a lone UTF-16 surrogate escape.</summary>
    public static void CheckNames(JsonElement element, string file, int line)
    {
        if (!NamesReadable(element)) throw new ProfileFormatException(file, line, NameProblem(""));
    }

    private static bool NamesReadable(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object) return true;
        try
        {
            foreach (JsonProperty p in element.EnumerateObject()) _ = p.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string NameProblem(string path) =>
        $"'{(path.Length == 0 ? "line" : path)}' has a property name with an invalid escape (a lone UTF-16 surrogate such as \\ud800)";

    /// <summary>The segments of a serializer path (<c>$.a.b[2]['c.d']</c>): names and indexes.</summary>
    private static IEnumerable<object> Segments(string? path)
    {
        if (path is null || !path.StartsWith("$", StringComparison.Ordinal)) yield break;
        int i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                int j = i + 1;
                while (j < path.Length && path[j] != '.' && path[j] != '[') j++;
                yield return path.Substring(i + 1, j - i - 1);
                i = j;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                int j = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (j < 0) yield break;
                yield return path.Substring(i + 2, j - i - 2);
                i = j + 2;
            }
            else if (path[i] == '[')
            {
                int j = path.IndexOf(']', i);
                if (j < 0 || !int.TryParse(path.Substring(i + 1, j - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int index)) yield break;
                yield return index;
                i = j + 1;
            }
            else
            {
                yield break;
            }
        }
    }

    private static Type? Member(Type? type, string name)
    {
        if (type is null) return null;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>)) return type.GetGenericArguments()[1];
        if (KnobsJsonContext.Default.GetTypeInfo(type) is not { Kind: JsonTypeInfoKind.Object } info) return null;
        foreach (JsonPropertyInfo p in info.Properties)
        {
            if (p.Name == name) return p.PropertyType;
        }
        return null;
    }

    private static Type? Element(Type? type) =>
        type is null ? null : type.IsArray ? type.GetElementType() : type.IsGenericType ? type.GetGenericArguments()[0] : null;

    private static string? Expected(Type? type)
    {
        if (type is null) return null;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(int)) return "an integer";
        if (type == typeof(long)) return "a non-negative integer";
        if (type == typeof(double)) return "a number";
        if (type == typeof(string)) return "a string";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(int[])) return "an array of non-negative integers";
        if (type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))) return "an array";
        return "a JSON object";
    }
}
