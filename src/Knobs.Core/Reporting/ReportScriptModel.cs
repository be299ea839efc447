using System;
using System.Collections;
using System.Reflection;
using Scriban.Runtime;

namespace Knobs.Reporting;

/// <summary>
/// Copies a <see cref="ReportView"/> into read-only Scriban objects: strings, booleans, arrays and objects keyed by the
/// view's property names (<c>Benchmarks</c>, <c>benchmark.Name</c>, …). The template never holds a .NET object of the
/// view, so it can reach nothing the view does not list.
/// </summary>
internal static class ReportScriptModel
{
    /// <summary>The page's globals.</summary>
    public static ScriptObject Build(ReportView view) => Object(view);

    private static object Value(PropertyInfo property, object? value) => value switch
    {
        string text when property.IsDefined(typeof(RawHtmlAttribute)) => new RawHtml(text),
        string or bool => value,
        IEnumerable items => Array(items),
        null => "",
        _ => Object(value),
    };

    private static ScriptArray Array(IEnumerable items)
    {
        var array = new ScriptArray();
        foreach (object? item in items)
        {
            array.Add(item switch
            {
                string or bool => item,
                null => "",
                _ => Object(item),
            });
        }
        return array;
    }

    private static ScriptObject Object(object value)
    {
        var script = new ScriptObject();
        foreach (PropertyInfo property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            script.SetValue(property.Name, Value(property, property.GetValue(value)), readOnly: true);
        }
        return script;
    }
}

/// <summary>A view property holding markup Knobs rendered and escaped itself (SVG); the template writes it as is.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class RawHtmlAttribute : Attribute
{
}

/// <summary>Markup written without escaping; it has no members a template could read.</summary>
internal sealed class RawHtml
{
    private readonly string _html;

    public RawHtml(string html) => _html = html;

    public override string ToString() => _html;
}
