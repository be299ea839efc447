using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Knobs.KnobTables;
using Knobs.Testing;

namespace Knobs.Core.Tests.KnobTables;

/// <summary>KnobTables/ is compiled into the source generator too: these tests hold it to what that requires.</summary>
public class GeneratorSafetyTests
{
    private static readonly Type[] ModelTypes =
    {
        typeof(Knob), typeof(KnobType), typeof(KnobTable), typeof(KnobDiagnostic), typeof(KnobDiagnosticDescriptor),
        typeof(KnobTableReadResult), typeof(SourceLocation), typeof(ValueArray<string>),
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
    public void KnobTablesSourceUsesOnlyTheBclAndYamlDotNet()
    {
        string folder = RepoPaths.Combine("src", "Knobs.Core", "KnobTables");
        foreach (string file in Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories))
        {
            foreach (string line in File.ReadLines(file).Where(l => l.StartsWith("using ", StringComparison.Ordinal)))
            {
                string ns = line.Substring("using ".Length).TrimEnd(';').Replace("static ", "");
                bool allowed = ns.StartsWith("System", StringComparison.Ordinal) && !ns.StartsWith("System.Text.Json", StringComparison.Ordinal)
                    || ns.StartsWith("YamlDotNet", StringComparison.Ordinal) || ns.StartsWith("Knobs.KnobTables", StringComparison.Ordinal);
                Assert.True(allowed, $"{Path.GetFileName(file)}: '{line}' — KnobTables/ is compiled into the generator and may use only the BCL and YamlDotNet");
            }
        }
    }
}
