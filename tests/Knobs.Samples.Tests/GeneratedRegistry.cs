using System;
using System.Linq;
using System.Reflection;
using Knobs.Runtime;

namespace Knobs.Samples.Tests;

/// <summary>Finds the registry Knobs' generator emitted into a sample's assembly.</summary>
public static class GeneratedRegistry
{
    public static BenchmarkDescriptor For(Type template)
    {
        Type registryType = template.Assembly.GetTypes()
            .Single(t => typeof(IBenchmarkRegistry).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface);
        IBenchmarkRegistry registry = Instance(registryType);
        return Assert.Single(registry.Benchmarks);
    }

    /// <summary>The generated registry of the assembly that holds <paramref name="template"/>.</summary>
    public static IBenchmarkRegistry RegistryOf(Type template) => Instance(template.Assembly.GetTypes()
        .Single(t => typeof(IBenchmarkRegistry).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface));

    private static IBenchmarkRegistry Instance(Type type)
    {
        const BindingFlags Static = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;
        object? shared = type.GetProperties(Static).FirstOrDefault(p => type.IsAssignableFrom(p.PropertyType))?.GetValue(null)
            ?? type.GetFields(Static).FirstOrDefault(f => type.IsAssignableFrom(f.FieldType))?.GetValue(null);
        return (IBenchmarkRegistry)(shared ?? Activator.CreateInstance(type, nonPublic: true)!);
    }
}
