using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Knobs.KnobTables;

namespace Knobs.Core.Tests.KnobTables;

public class RobustnessTests
{
    private static readonly string Release = File.ReadAllText(TableFiles.HpvmRelease);

    [Fact]
    public void AGarbageFileJustUnderTheSizeLimitStopsAfterABoundedNumberOfDiagnosticsQuickly()
    {
        var random = new Random(12345);
        var text = new StringBuilder(KnobTableReader.MaxTextLength);
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789,.-_ \t\t\n";
        while (text.Length < KnobTableReader.MaxTextLength) text.Append(alphabet[random.Next(alphabet.Length)]);
        string path = Path.Combine(Path.GetTempPath(), "knobs-garbage-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(path, text.ToString());
        try
        {
            var watch = Stopwatch.StartNew();
            KnobTableReadResult result = KnobTableReader.ReadFile(path);
            watch.Stop();

            Assert.Null(result.Table);
            Assert.InRange(result.Diagnostics.Count(d => d.IsError), 2, 101);
            Assert.InRange(result.Diagnostics.Length, 2, 201);
            Assert.Equal(KnobDiagnosticIds.TooManyErrors, result.Diagnostics.Last().Id);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TenMegabyteSingleLineIsOneTooLargeDiagnosticWithoutParsing()
    {
        string line = new string('x', 10 * 1024 * 1024);
        KnobTableReadResult result = KnobTableReader.Read("long.txt", line);
        KnobDiagnostic d = Assert.Single(result.Diagnostics);
        Assert.Equal(KnobDiagnosticIds.TableTooLarge, d.Id);
        Assert.Contains("10,485,760 characters", d.Message);
    }

    [Fact]
    public void AOneMegabyteLineUnderTheLimitIsOneFieldCountDiagnostic()
    {
        string line = new string('x', KnobTableReader.MaxTextLength - 1);
        KnobTableReadResult result = KnobTableReader.Read("long.txt", line);
        KnobDiagnostic d = Assert.Single(result.Diagnostics);
        Assert.Equal(KnobDiagnosticIds.WrongFieldCount, d.Id);
        Assert.True(d.Message.Length < 300);
    }

    [Fact]
    public void BinaryInputIsOneDiagnosticAtTheFirstNul()
    {
        var random = new Random(7);
        byte[] bytes = new byte[64 * 1024];
        random.NextBytes(bytes);
        bytes[10] = 0;
        string path = Path.Combine(Path.GetTempPath(), "knobs-binary-" + Guid.NewGuid().ToString("N") + ".bin");
        File.WriteAllBytes(path, bytes);
        try
        {
            KnobTableReadResult result = KnobTableReader.ReadFile(path);
            KnobDiagnostic d = Assert.Single(result.Diagnostics);
            Assert.Equal(KnobDiagnosticIds.BinaryInput, d.Id);
            Assert.Null(result.Table);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ByteOrderMarkIsAcceptedSilently()
    {
        KnobTableReadResult fromString = KnobTableReader.Read("bom.txt", "\uFEFF" + Release);
        Assert.Equal(KnobTable.Default, TableFiles.Load(fromString));
        Assert.Equal(1, fromString.Table!.Get(11).Location.Column);
        Assert.All(fromString.Diagnostics, d => Assert.Equal(KnobDiagnosticSeverity.Info, d.Severity));

        string path = Path.Combine(Path.GetTempPath(), "knobs-bom-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(path, Release, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        try
        {
            Assert.Equal(KnobTable.Default, TableFiles.Load(KnobTableReader.ReadFile(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CrlfLineEndsReadTheSameTable()
    {
        KnobTableReadResult result = KnobTableReader.Read("crlf.txt", Release.Replace("\n", "\r\n"));
        Assert.Equal(KnobTable.Default, TableFiles.Load(result));
        Assert.Equal(69, result.Table!.Knobs.Last().Location.Line);
    }

    [Fact]
    public void CrlfClassicAndYamlTablesLoad()
    {
        string classic = File.ReadAllText(TableFiles.ClassicSample);
        Assert.Equal(TableFiles.Load(KnobTableReader.Read("c.txt", classic)), TableFiles.Load(KnobTableReader.Read("c.txt", classic.Replace("\n", "\r\n"))));
        string yaml = KnobTableWriter.WriteYaml(KnobTable.Default);
        Assert.Equal(KnobTable.Default, TableFiles.Load(KnobTableReader.Read("y.yaml", yaml.Replace("\n", "\r\n"))));
    }

    [Fact]
    public void MutatedTablesNeverThrowAndNeverHalfLoad()
    {
        var random = new Random(2026);
        string[] sources = { Release, File.ReadAllText(TableFiles.ClassicSample), KnobTableWriter.WriteYaml(KnobTable.Default) };
        const string noise = "\t ,.-:#[]{}\"'\n\r0123456789xyz\u00e9";
        for (int i = 0; i < 600; i++)
        {
            char[] text = sources[i % 3].ToCharArray();
            int edits = 1 + random.Next(4);
            for (int e = 0; e < edits; e++) text[random.Next(text.Length)] = noise[random.Next(noise.Length)];
            string path = i % 3 == 2 ? "mutant.yaml" : "mutant.txt";
            KnobTableReadResult result = KnobTableReader.Read(path, new string(text));
            bool hasError = result.Diagnostics.Any(d => d.IsError);
            Assert.Equal(hasError, result.Table is null);
            Assert.DoesNotContain(result.Diagnostics, d => d.Id == KnobDiagnosticIds.InternalError);
            Assert.All(result.Diagnostics, d => Assert.True(d.Location.Line >= 1 && d.Location.Column >= 1, d.ToString()));
        }
    }

    [Fact]
    public void NullAndEmptyInputsAreDiagnostics()
    {
        Assert.Equal(KnobDiagnosticIds.EmptyTable, Assert.Single(KnobTableReader.Read("empty.txt", "").Diagnostics).Id);
        Assert.Equal(KnobDiagnosticIds.EmptyTable, Assert.Single(KnobTableReader.Read("empty.yaml", "# nothing\n").Diagnostics).Id);
        Assert.Equal(KnobDiagnosticIds.EmptyTable, Assert.Single(KnobTableReader.Read("knobs.yaml", "knobs: []\n").Diagnostics).Id);
        Assert.Equal(KnobDiagnosticIds.UnreadableFile, Assert.Single(KnobTableReader.ReadFile(Path.Combine(Path.GetTempPath(), "no-such-dir-knobs", "x.txt")).Diagnostics).Id);
    }

    [Fact]
    public void DeeplyNestedYamlIsOneDiagnosticNotAStackOverflow()
    {
        KnobTableReadResult flow = KnobTableReader.Read("deep.yaml", "knobs: " + new string('[', 200_000));
        Assert.Equal(KnobDiagnosticIds.YamlSyntax, Assert.Single(flow.Diagnostics).Id);
        Assert.Contains("nested more than 64 levels", flow.Diagnostics[0].Message);

        var block = new StringBuilder("knobs:\n");
        for (int i = 1; i <= 100; i++) block.Append(' ', i).Append("-\n");
        KnobDiagnostic d = Assert.Single(KnobTableReader.Read("deep.yaml", block.ToString()).Diagnostics);
        Assert.Equal((KnobDiagnosticIds.YamlSyntax, 65), (d.Id, d.Location.Line));
    }

    [Fact]
    public void DuplicateYamlKeyIsASyntaxErrorAtTheSecondKey()
    {
        KnobDiagnostic d = Assert.Single(KnobTableReader.Read("dup.yaml", "knobs:\n  - type: perf\n    type: samp\n    id: 1\n    speedup: 2\n").Diagnostics);
        Assert.Equal((KnobDiagnosticIds.YamlSyntax, 3), (d.Id, d.Location.Line));
    }

    [Fact]
    public void FileLargerThan64MegabytesIsNotRead()
    {
        string path = Path.Combine(Path.GetTempPath(), "knobs-huge-" + Guid.NewGuid().ToString("N") + ".txt");
        using (var file = new FileStream(path, FileMode.CreateNew))
        {
            file.SetLength(KnobTableReader.MaxFileBytes + 1); // sparse: costs no disk
        }
        try
        {
            KnobDiagnostic d = Assert.Single(KnobTableReader.ReadFile(path).Diagnostics);
            Assert.Equal(KnobDiagnosticIds.UnreadableFile, d.Id);
            Assert.Contains("4 MB", d.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ManyWarningsNeverRejectATable()
    {
        var text = new StringBuilder();
        for (int id = 1000; id < 1300; id++) text.Append("perf,").Append(id).Append("\t1,2,0\t2.0\ttensorConvolution\ttensorConvApprox\tgpu\tconv\n");
        KnobTableReadResult result = KnobTableReader.Read("warnings.txt", text.ToString());
        Assert.Equal(300, TableFiles.Load(result).Count);
        Assert.Equal(100, result.Diagnostics.Length);
        Assert.All(result.Diagnostics, d => Assert.Equal(KnobDiagnosticIds.UnknownDevice, d.Id));
    }
}
