using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Knobs.Configurations;
using Knobs.Core.Tests.Tables;
using Knobs.KnobTables;
using Knobs.Profiles;
using Knobs.Tables;
using Knobs.Testing;

namespace Knobs.Core.Tests.Hostile;

/// <summary>
/// A bounded, seeded mutation fuzzer over every reader of user files: each case mutates a valid file (flipped and
/// inserted characters, hostile tokens, cut, repeated and swapped spans) and asserts that the reader answers in time with
/// a table, diagnostics or its documented format exception — never another exception — and that nothing it returns
/// could carry text into generated code or a log unchecked. Same seed, same cases: a failure names its case to replay.
/// </summary>
public sealed class ReaderFuzzTests
{
    private const int CasesPerSeed = 1000;
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(10);

    private static readonly string[] Tokens =
    {
        "\u0000", "\u001B[2J", "\r", "\n", "\t", "\u2028", "\u202E", "\uFEFF", "\"", "'", "\\", "\\ud800", "\\udc00", "{", "}", "[", "]",
        ",", ":", "&a", "*a", "? ", "- ", "!!binary", "%YAML 1.2", "---", "#", "//", "/*", "#error x", "NaN", "Infinity", "-1", "0",
        "1e308", "1e400", "-1e308", "2147483647", "2147483648", "99999999999999999999", "-0", "0x10", "1;", "(float)1",
        "System.Diagnostics.Process.Start(\"x\")", "../../../tmp/x", "conf1", "**", "NA", "+++++", "-----", "=cmd", "@SUM(A1)",
        new string('9', 400), new string('[', 200), new string('{', 200), new string('a', 5000),
    };

    private static string Mutate(string text, Random random)
    {
        var s = new StringBuilder(text);
        int edits = 1 + random.Next(4);
        for (int e = 0; e < edits; e++)
        {
            int at = s.Length == 0 ? 0 : random.Next(s.Length + 1);
            switch (random.Next(7))
            {
                case 0:
                    if (s.Length > 0) s[Math.Min(at, s.Length - 1)] = (char)random.Next(0, 0x3000);
                    break;
                case 1:
                    s.Insert(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 2:
                    if (s.Length > 0) s.Remove(Math.Min(at, s.Length - 1), Math.Min(1 + random.Next(64), s.Length - Math.Min(at, s.Length - 1)));
                    break;
                case 3:
                    s.Length = at;
                    break;
                case 4:
                    {
                        int start = Math.Min(at, s.Length);
                        int length = Math.Min(random.Next(200), s.Length - start);
                        string span = s.ToString(start, length);
                        for (int r = random.Next(1, 50); r > 0; r--) s.Insert(start, span);
                        break;
                    }
                case 5:
                    {
                        string[] lines = s.ToString().Split('\n');
                        if (lines.Length > 2)
                        {
                            int a = random.Next(lines.Length), b = random.Next(lines.Length);
                            (lines[a], lines[b]) = (lines[b], lines[a]);
                        }
                        s.Clear().Append(string.Join("\n", lines));
                        break;
                    }
                default:
                    {
                        // Replace a number with a hostile one.
                        string current = s.ToString();
                        int digit = current.IndexOfAny("0123456789".ToCharArray(), Math.Min(at, current.Length));
                        if (digit >= 0) s.Insert(digit, Tokens[random.Next(26, 42)]);
                        break;
                    }
            }
        }
        return s.ToString();
    }

    private static void Fuzz(string name, string seedText, int seed, Action<string> read)
    {
        var random = new Random(seed);
        for (int i = 0; i < CasesPerSeed; i++)
        {
            string input = Mutate(seedText, random);
            Task task = Task.Run(() => read(input));
            bool finished;
            try
            {
                finished = task.Wait(PerCase);
            }
            catch (AggregateException ex)
            {
                throw new Xunit.Sdk.XunitException($"{name}, seed {seed}, case {i}: {ex.InnerException}");
            }
            if (!finished) throw new Xunit.Sdk.XunitException($"{name}, seed {seed}, case {i}: the reader took more than {PerCase.TotalSeconds} s");
        }
    }

    private static void AssertPrintable(string message, string context)
    {
        foreach (char c in message)
        {
            if (c < ' ' || c == '\u2028' || c == '\u202E') throw new Xunit.Sdk.XunitException($"{context}: a message carries U+{(int)c:X4} raw: {message}");
        }
    }

    private static void ReadKnobTable(string path, string text)
    {
        KnobTableReadResult result = KnobTableReader.Read(path, text);
        foreach (KnobDiagnostic d in result.Diagnostics) AssertPrintable(d.Message, path);
        if (result.Table is null) return;
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        foreach (Knob knob in result.Table.Knobs)
        {
            foreach (string argument in knob.CallArguments)
            {
                Assert.True(ArgumentTemplate.IsSafeArgument(argument), $"knob {knob.Id} would put '{argument}' into generated code");
            }
            foreach (string p in knob.Parameters) Assert.True(ArgumentTemplate.IsNumberLiteral(p), $"knob {knob.Id} parameter '{p}'");
        }
    }

    private const string Yaml =
        "types:\n  - name: dilate\n    from: Convolution\n    to: MyOps.DilatedConvolution\n    parameters: [rate, offset]\n" +
        "    arguments: \"{rate}, {offset}, 0.5\"\n    precision: fp32\n    applies_to: [conv]\nknobs:\n  - type: fp32\n    id: 11\n    speedup: 1.0\n" +
        "  - type: dilate\n    id: 501\n    parameters: [2, 0]\n    speedup: 1.7\n  - {type: dilate, id: 502, parameters: [3, 1], speedup: 1.4}\n" +
        "  - type: perf\n    id: 121\n    parameters: \"1,2,0\"\n    speedup: 1.5\n";

    [Fact]
    public void YamlKnobTables() => Fuzz("yaml knob table", Yaml, 1, text => ReadKnobTable("knobs.yaml", text));

    [Fact]
    public void HpvmReleaseKnobTables() =>
        Fuzz("HPVM knob table", File.ReadAllText(Path.Combine(RepoPaths.HpvmData, "global_knobs.txt")), 2, text => ReadKnobTable("global_knobs.txt", text));

    [Fact]
    public void ClassicKnobTables() =>
        Fuzz("classic knob table", File.ReadAllText(Knobs.Core.Tests.KnobTables.TableFiles.ClassicSample), 3,
            text => ReadKnobTable("classic.txt", text));

    [Fact]
    public void ConfigurationFiles() =>
        Fuzz("configuration file", string.Join("\n", File.ReadAllLines(Path.Combine(RepoPaths.HpvmData, "tuner_confs", "lenet_mnist.txt")).Take(40)) + "\n", 4, text =>
        {
            ConfigurationReadResult result = ConfigurationReader.Parse(text, "confs.txt");
            foreach (ConfigurationDiagnostic d in result.Diagnostics) AssertPrintable(d.Message, "confs.txt");
            foreach (Configuration c in result.File?.Configurations ?? Array.Empty<Configuration>())
            {
                Assert.Null(ConfigurationParser.NameProblem(c.Name));
            }
            if (result.File is not null) Assert.Equal(result.File.Configurations.Count, result.File.Configurations.Select(c => c.Name).Distinct().Count());
        });

    [Fact]
    public void Profiles() =>
        Fuzz("profile", ProfileWriter.ToText(SampleTables.Profile("perf_fp16", 151, energy: true)), 5, text =>
        {
            try
            {
                Profile profile = ProfileReader.Read(new StringReader(text), "p.jsonl");
                Assert.All(profile.Ops, o => Assert.InRange(o.Time.Mean, 0, 1e12));
            }
            catch (ProfileFormatException e)
            {
                AssertPrintable(e.Message, "p.jsonl");
            }
        });

    [Fact]
    public void JsonTables() =>
        Fuzz("table json", TableJsonWriter.ToText(SampleTables.Build(energy: true)), 6, text =>
        {
            try
            {
                LookupTable table = TableJsonReader.Parse(text, "t.json");
                Assert.All(table.Nodes.SelectMany(n => n.Ops).SelectMany(o => o.Cells).Where(c => c is not null), c => Assert.InRange(c!.Mean, 0, 1e12));
            }
            catch (TableFormatException e)
            {
                AssertPrintable(e.Message, "t.json");
            }
        });

    [Fact]
    public void HpvmTensorTables() =>
        Fuzz("tensors.txt", HpvmTensorTableWriter.ToText(SampleTables.Build(energy: true)), 7, text =>
        {
            try
            {
                LookupTable table = HpvmTensorTableReader.Parse(text, "t.tensors.txt", "LeNetMnist");
                Assert.All(table.Nodes.SelectMany(n => n.Ops).SelectMany(o => o.Cells).Where(c => c is not null), c => Assert.InRange(c!.Mean, 0, 1e12));
            }
            catch (TableFormatException e)
            {
                AssertPrintable(e.Message, "t.tensors.txt");
            }
        });
}
