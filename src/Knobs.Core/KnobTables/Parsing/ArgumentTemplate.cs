using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Knobs.KnobTables;

/// <summary>
/// A knob type's argument template: text with <c>{name}</c> placeholders for parameters, e.g. <c>{row}, {col}, 1, {offset}</c>.
/// Applying it substitutes the parameters and splits the result into arguments at commas.
/// </summary>
/// <remarks>
/// The arguments end up in generated C#, so a template is data, never code: each comma-separated argument must be one
/// placeholder, one number literal (<see cref="IsNumberLiteral"/>) or <c>true</c>/<c>false</c>. Nothing else — no
/// expressions, casts, calls, comments or line breaks — gets through <see cref="Validate(string, IReadOnlyList{string}, out int)"/>.
/// </remarks>
public static class ArgumentTemplate
{
    /// <summary>The longest number literal accepted as an argument or a knob parameter.</summary>
    public const int MaxLiteralLength = 64;

    /// <summary>The call arguments for <paramref name="parameters"/> (in the type's parameter order).</summary>
    public static ValueArray<string> Apply(KnobType type, ValueArray<string> parameters)
    {
        if (type.ArgumentTemplate.Length == 0) return ValueArray<string>.Empty;
        var values = new Dictionary<string, string>(System.StringComparer.Ordinal);
        for (int i = 0; i < type.ParameterNames.Count && i < parameters.Count; i++) values[type.ParameterNames[i]] = parameters[i];
        var arguments = ImmutableArray.CreateBuilder<string>();
        foreach ((string argument, int _) in Split(type.ArgumentTemplate))
        {
            string text = argument.Length > 2 && argument[0] == '{' && argument[argument.Length - 1] == '}'
                ? values.TryGetValue(argument.Substring(1, argument.Length - 2).Trim(), out string? value) ? value : ""
                : argument;
            arguments.Add(text);
        }
        return new ValueArray<string>(arguments.ToImmutable());
    }

    /// <summary>Why <paramref name="template"/> is invalid for <paramref name="parameterNames"/>, or null when it is valid.</summary>
    public static string? Validate(string template, IReadOnlyList<string> parameterNames) => Validate(template, parameterNames, out _);

    /// <summary>
    /// Why <paramref name="template"/> is invalid for <paramref name="parameterNames"/>, or null when it is valid;
    /// <paramref name="offset"/> is where in the template the problem starts.
    /// </summary>
    public static string? Validate(string template, IReadOnlyList<string> parameterNames, out int offset)
    {
        offset = 0;
        for (int i = 0; i < template.Length; i++)
        {
            if (template[i] < ' ' && template[i] != '\t')
            {
                offset = i;
                return "the argument template contains a line break or control character; write the arguments on one line";
            }
        }
        if (template.Trim().Length == 0) return null;
        var names = new HashSet<string>(parameterNames, System.StringComparer.Ordinal);
        foreach ((string argument, int start) in Split(template))
        {
            offset = start;
            if (argument.Length == 0) return "the argument template has an empty argument (two commas in a row, or a trailing comma)";
            if (argument[0] == '{')
            {
                if (argument[argument.Length - 1] != '}' || argument.IndexOf('}') != argument.Length - 1 || argument.IndexOf('{', 1) >= 0)
                {
                    return "the argument '" + TextLines.Quote(argument) + "' must be exactly one placeholder such as {" + (parameterNames.Count > 0 ? parameterNames[0] : "name") + "}";
                }
                string name = argument.Substring(1, argument.Length - 2).Trim();
                if (!names.Contains(name))
                {
                    return "the argument template uses {" + TextLines.Quote(name) + "}, which is not one of its parameters (" + string.Join(", ", parameterNames) + ")";
                }
                continue;
            }
            if (argument == "true" || argument == "false") continue;
            string? numberError = NumberError(argument);
            if (numberError is not null)
            {
                return "the argument '" + TextLines.Quote(argument) + "' is not allowed: " + numberError +
                    "; an argument is a {parameter}, a number (e.g. 2, -1, 0.5, 0.5f) or true/false, never an expression";
            }
        }
        return null;
    }

    /// <summary>
    /// Whether <paramref name="text"/> is a C# number literal that compiles for an <c>int</c>, <c>float</c> or
    /// <c>double</c> parameter as written: optional minus, digits, optional fraction and exponent, optional <c>f</c> or
    /// <c>d</c> suffix; an integer fits <c>int</c>, a value is finite (and fits <c>float</c> with <c>f</c>).
    /// </summary>
    public static bool IsNumberLiteral(string text) => NumberError(text) is null;

    /// <summary>Whether <paramref name="text"/> may appear as one appended call argument in generated code.</summary>
    public static bool IsSafeArgument(string text) => text == "true" || text == "false" || IsNumberLiteral(text);

    /// <summary>Why <paramref name="text"/> is not an accepted number literal, or null when it is one.</summary>
    internal static string? NumberError(string text)
    {
        if (text.Length > MaxLiteralLength) return "a number has at most " + MaxLiteralLength + " characters";
        int i = 0;
        if (i < text.Length && text[i] == '-') i++;
        int digits = Digits(text, ref i);
        if (digits == 0) return "it is not a number";
        bool integer = true;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (Digits(text, ref i) == 0) return "a decimal point needs digits after it";
            integer = false;
        }
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-')) i++;
            if (Digits(text, ref i) == 0) return "an exponent needs digits";
            integer = false;
        }
        char suffix = i < text.Length ? text[i] : '\0';
        if (suffix is 'f' or 'F' or 'd' or 'D') { i++; integer = false; }
        if (i != text.Length) return "it is not a number";
        string body = suffix == '\0' ? text : text.Substring(0, text.Length - 1);
        if (integer)
        {
            return int.TryParse(body, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                ? null
                : "the integer is outside the range of int (-2147483648 to 2147483647)";
        }
        if (!double.TryParse(body, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || double.IsInfinity(value) || double.IsNaN(value))
        {
            return "the number is outside the range of double";
        }
        if ((suffix == 'f' || suffix == 'F') && System.Math.Abs(value) > float.MaxValue) return "the number is outside the range of float";
        return null;
    }

    private static int Digits(string text, ref int i)
    {
        int start = i;
        while (i < text.Length && text[i] >= '0' && text[i] <= '9') i++;
        return i - start;
    }

    /// <summary>The trimmed comma-separated arguments with the offset of each one's first character.</summary>
    private static IEnumerable<(string Argument, int Start)> Split(string text)
    {
        int start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != ',') continue;
            string raw = text.Substring(start, i - start);
            int lead = raw.Length - raw.TrimStart().Length;
            yield return (raw.Trim(), start + lead);
            start = i + 1;
        }
    }
}
