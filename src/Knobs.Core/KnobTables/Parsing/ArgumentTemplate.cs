using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;

namespace Knobs.KnobTables;

/// <summary>
/// A knob type's argument template: text with <c>{name}</c> placeholders for parameters, e.g. <c>{row}, {col}, 1, {offset}</c>.
/// Applying it substitutes the parameters and splits the result into arguments at top-level commas.
/// </summary>
public static class ArgumentTemplate
{
    /// <summary>The call arguments for <paramref name="parameters"/> (in the type's parameter order).</summary>
    public static ValueArray<string> Apply(KnobType type, ValueArray<string> parameters)
    {
        if (type.ArgumentTemplate.Length == 0) return ValueArray<string>.Empty;
        var values = new Dictionary<string, string>(System.StringComparer.Ordinal);
        for (int i = 0; i < type.ParameterNames.Count && i < parameters.Count; i++) values[type.ParameterNames[i]] = parameters[i];
        var text = new StringBuilder();
        string template = type.ArgumentTemplate;
        for (int i = 0; i < template.Length; i++)
        {
            if (template[i] == '{')
            {
                int close = template.IndexOf('}', i + 1);
                if (close < 0) break;
                string name = template.Substring(i + 1, close - i - 1).Trim();
                text.Append(values.TryGetValue(name, out string? value) ? value : "");
                i = close;
            }
            else
            {
                text.Append(template[i]);
            }
        }
        return new ValueArray<string>(SplitTopLevel(text.ToString()));
    }

    /// <summary>Why <paramref name="template"/> is invalid for <paramref name="parameterNames"/>, or null when it is valid.</summary>
    public static string? Validate(string template, IReadOnlyList<string> parameterNames)
    {
        var names = new HashSet<string>(parameterNames, System.StringComparer.Ordinal);
        for (int i = 0; i < template.Length; i++)
        {
            if (template[i] == '}') return "the argument template has a '}' without '{'";
            if (template[i] != '{') continue;
            int close = template.IndexOf('}', i + 1);
            if (close < 0) return "the argument template has a '{' without '}'";
            string name = template.Substring(i + 1, close - i - 1).Trim();
            if (!names.Contains(name))
            {
                return "the argument template uses {" + name + "}, which is not one of its parameters (" + string.Join(", ", parameterNames) + ")";
            }
            i = close;
        }
        foreach (string argument in SplitTopLevel(template))
        {
            if (argument.Length == 0) return "the argument template has an empty argument (two commas in a row, or a trailing comma)";
        }
        return null;
    }

    private static ImmutableArray<string> SplitTopLevel(string text)
    {
        var parts = ImmutableArray.CreateBuilder<string>();
        if (text.Trim().Length == 0) return parts.ToImmutable();
        int depth = 0, start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            char c = i < text.Length ? text[i] : ',';
            if (c == '(' || c == '[') depth++;
            else if (c == ')' || c == ']') depth--;
            else if (c == ',' && (depth == 0 || i == text.Length))
            {
                parts.Add(text.Substring(start, i - start).Trim());
                start = i + 1;
            }
        }
        return parts.ToImmutable();
    }
}
