using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Knobs.Generators.Model;
using Knobs.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace Knobs.Generators.Tests;

/// <summary>Incremental models must not hold Roslyn objects (they would defeat caching and leak compilations).</summary>
public sealed class ModelPurityTests
{
    private static readonly Type[] Forbidden = { typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(Location), typeof(SemanticModel), typeof(SyntaxTree) };

    [Theory]
    [InlineData(typeof(TemplateSpec))]
    [InlineData(typeof(TemplateDeclaration))]
    [InlineData(typeof(TemplateSyntax))]
    [InlineData(typeof(TemplateResolution))]
    [InlineData(typeof(TemplateSyntaxResult))]
    [InlineData(typeof(TemplatePlan))]
    [InlineData(typeof(PlanResult))]
    [InlineData(typeof(KnobSetSpec))]
    [InlineData(typeof(RegistrySpec))]
    [InlineData(typeof(EntryPointFacts))]
    [InlineData(typeof(ProfilingSetting))]
    [InlineData(typeof(TemplateParseResult))]
    public void ModelHoldsNoSymbolsSyntaxCompilationsOrLocations(Type model)
    {
        var seen = new HashSet<Type>();
        Walk(model, model.Name, seen);
        Assert.True(seen.Count >= 2, "the walk reached the model's fields");
    }

    [Fact]
    public void ModelsCompareByValue()
    {
        var a = new Fragment(new[] { FragmentPart.Literal("x = "), FragmentPart.Hole(0) }.ToEquatableArray());
        var b = new Fragment(new[] { FragmentPart.Literal("x = "), FragmentPart.Hole(0) }.ToEquatableArray());
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new Fragment(new[] { FragmentPart.Literal("x = "), FragmentPart.Hole(1) }.ToEquatableArray()));
    }

    private static void Walk(Type type, string path, HashSet<Type> seen)
    {
        if (!seen.Add(type) || type.IsPrimitive || type.IsEnum || type == typeof(string)) return;
        Assert.False(Forbidden.Any(f => f.IsAssignableFrom(type)), path + " is a " + type.Name);
        Assert.False(type.IsArray, path + " is an array (compared by reference); use EquatableArray");
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
        {
            Walk(type.GetGenericArguments()[0], path + "[]", seen);
            return;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Nullable<>))
        {
            Walk(type.GetGenericArguments()[0], path, seen);
            return;
        }
        if (type.Namespace?.StartsWith("Microsoft.CodeAnalysis.Text", StringComparison.Ordinal) == true) return; // TextSpan, LinePositionSpan: values
        Assert.True(type.Namespace?.StartsWith("Knobs.Generators", StringComparison.Ordinal) == true, path + " has type " + type.FullName + ", which is not a generator model");
        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.FieldType, path + "." + field.Name, seen);
        }
    }
}
