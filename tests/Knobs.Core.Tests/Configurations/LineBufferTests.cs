using System.Linq;
using System.Text;
using Knobs.Configurations;

namespace Knobs.Core.Tests.Configurations;

/// <summary>
/// The reader hands lines out as slices of 64 Ki-character blocks and shares identical op entries: lines that cross a
/// block boundary (a <c>\r\n</c> split between blocks included) must read exactly like the others.
/// </summary>
public sealed class LineBufferTests
{
    private const int Block = 64 * 1024;

    private static string File(int configurations, string newline)
    {
        var sb = new StringBuilder("1000.0").Append(newline);
        for (int c = 1; c <= configurations; c++)
        {
            sb.Append("+++++").Append(newline).Append("conf").Append(c).Append(" 1.5 NA 90.0 0.5").Append(newline);
            sb.Append("1 gpu conv perf_fp16 ").Append(151 + c % 8).Append(" add fp16 1 relu fp16 1").Append(newline);
            sb.Append("2 gpu mul fp32 11 softmax fp32 1").Append(newline);
            sb.Append("-----").Append(newline);
        }
        return sb.ToString();
    }

    private static string Describe(ConfigurationFile file) => string.Join("\n", file.Configurations.Select(c =>
        string.Join(" ", c.HeaderFields) + " @" + c.Line + " | " + string.Join(" | ", c.Nodes.Select(n =>
            n.Id + " " + n.Device + " @" + n.Line + ": " + string.Join(" ", n.Ops.Select(o => o.Op + " " + o.Approx + " " + o.Value + " @" + o.Column))))));

    [Fact]
    public void CrlfLinesSplitAcrossBlocksReadLikeLfLines()
    {
        string lf = File(2500, "\n");
        string expected = Describe(ConfigurationReader.Parse(lf, "lf.txt").File!);
        // Shift the text by one character at a time so that every position of a line (its '\r' and '\n' included)
        // falls on the first block boundary once.
        string crlf = File(2500, "\r\n");
        Assert.True(crlf.Length > 3 * Block);
        for (int shift = 0; shift < 40; shift++)
        {
            string text = "1000." + new string('0', shift + 1) + crlf.Substring("1000.0".Length);
            ConfigurationReadResult read = ConfigurationReader.Parse(text, "crlf.txt");
            Assert.False(read.HasErrors, string.Join("\n", read.Diagnostics));
            Assert.Empty(read.Diagnostics);
            Assert.Equal(expected, Describe(read.File!));
        }
    }

    [Fact]
    public void TooLongLineCrossingABlockIsReportedAtItsLine()
    {
        string text = File(10, "\n");
        int lines = text.Count(ch => ch == '\n');
        // A header line that starts in the first block and reaches the limit in the second: it is cut there.
        text += "+++++\nconf11" + new string('9', Block + 100) + " 1 1 90 0\n";
        ConfigurationReadResult read = ConfigurationReader.Parse(text, "long.txt", new ConfigurationReaderOptions { MaxLineLength = Block });
        Assert.Null(read.File);
        ConfigurationDiagnostic d = Assert.Single(read.Diagnostics, x => x.Id == DiagnosticIds.TooLarge);
        Assert.Equal((lines + 2, Block + 1), (d.Line, d.Column));
    }

    [Fact]
    public void IdenticalOpEntriesAreSharedAndDifferentOnesAreNot()
    {
        ConfigurationFile file = ConfigurationReader.Parse(File(20, "\n"), "shared.txt").File!;
        ConfigurationNode a = file.Configurations[0].Nodes[1], b = file.Configurations[1].Nodes[1];
        Assert.Same(a.Ops, b.Ops);
        ConfigurationOp conv1 = file.Configurations[0].Nodes[0].Ops[0], conv2 = file.Configurations[1].Nodes[0].Ops[0];
        Assert.NotEqual(conv1.Value, conv2.Value);
        Assert.Same(conv1, file.Configurations[8].Nodes[0].Ops[0]);
        Assert.Equal(152, conv1.Value);
    }
}
