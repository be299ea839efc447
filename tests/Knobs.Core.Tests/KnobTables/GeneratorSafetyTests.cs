using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Knobs.Diagnostics;
using Knobs.KnobTables;
using Knobs.Testing;

namespace Knobs.Core.Tests.KnobTables;

/// <summary>KnobTables/ is compiled into the source generator too: these tests hold it to what that requires.</summary>
public class GeneratorSafetyTests
{
    private static readonly Type[] ModelTypes =
    {
        typeof(Knob), typeof(KnobType), typeof(KnobTable), typeof(KnobDiagnostic), typeof(KnobsDiagnosticDescriptor),
        typeof(KnobTableReadResult), typeof(SourceLocation), typeof(ValueArray<string>), typeof(KnobIdentity),
    };

    [Fact]
    public void ModelTypesHaveNoMutableState()
    {
        foreach (Type type in ModelTypes)
        {
            foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                MethodInfo? setter = property.SetMethod;
                if (setter is null || !setter.IsPublic) continue;
                bool initOnly = setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");
                Assert.True(initOnly, $"{type.Name}.{property.Name} has a public setter");
            }
            Assert.DoesNotContain(type.GetFields(BindingFlags.Public | BindingFlags.Instance), f => !f.IsInitOnly);
        }
    }

    [Fact]
    public void ConcurrentReadsGiveEqualTables()
    {
        string release = File.ReadAllText(TableFiles.HpvmRelease);
        string yaml = KnobTableWriter.WriteYaml(KnobTable.Default);
        KnobTable[] tables = new KnobTable[64];
        Parallel.For(0, tables.Length, i =>
        {
            KnobTableReadResult result = i % 2 == 0 ? KnobTableReader.Read("t.txt", release) : KnobTableReader.Read("t.yaml", yaml);
            tables[i] = result.Table!;
        });
        Assert.All(tables, t => Assert.Equal(KnobTable.Default, t));
    }

    [Fact]
    public void KnobTablesAndDiagnosticsSourceUsesOnlyTheBclAndYamlDotNet()
    {
        string[] files = new[] { "KnobTables", "Diagnostics" }
            .SelectMany(folder => Directory.GetFiles(RepoPaths.Combine("src", "Knobs.Core", folder), "*.cs", SearchOption.AllDirectories))
            .ToArray();
        foreach (string file in files)
        {
            foreach (string line in File.ReadLines(file).Where(l => l.StartsWith("using ", StringComparison.Ordinal)))
            {
                string ns = line.Substring("using ".Length).TrimEnd(';').Replace("static ", "");
                bool allowed = ns.StartsWith("System", StringComparison.Ordinal) && !ns.StartsWith("System.Text.Json", StringComparison.Ordinal)
                    || ns.StartsWith("YamlDotNet", StringComparison.Ordinal) || ns is "Knobs.KnobTables" or "Knobs.Diagnostics" or "Knobs.Configurations";
                Assert.True(allowed, $"{Path.GetFileName(file)}: '{line}' — KnobTables/ and Diagnostics/ are compiled into the generator and may use only the BCL, YamlDotNet and each other");
            }
        }
    }
}
