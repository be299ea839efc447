using System;
using System.IO;
using System.Linq;
using Knobs.KnobTables;
using Knobs.Testing;

namespace Knobs.Core.Tests.KnobTables;

public class RoundTripTests
{
    [Fact]
    public void HpvmWriterRoundTripsTheRealTable()
    {
        string written = KnobTableWriter.WriteHpvm(KnobTable.Default);
        Assert.Equal(KnobTable.Default, TableFiles.Load(KnobTableReader.Read("written.txt", written)));
        Assert.StartsWith("fp32,11\t-1\t1\ttensorConvolution\ttensorConvApprox\tdev\tconv_fc_red\n", written);
        Assert.Contains("red_samp,41\t1\t1.5\ttensorReduction\ttensorReduction\tdev\tred\n", written);
    }

    [Fact]
    public void YamlWriterRoundTripsTheRealTable()
    {
        string written = KnobTableWriter.WriteYaml(KnobTable.Default);
        Assert.Equal(KnobTable.Default, TableFiles.Load(KnobTableReader.Read("written.yaml", written)));
    }

    [Fact]
    public void YamlWriterRoundTripsTheClassicTable()
    {
        KnobTable classic = TableFiles.Load(KnobTableReader.ReadFile(TableFiles.ClassicSample));
        string written = KnobTableWriter.WriteYaml(classic);
        Assert.Equal(classic, TableFiles.Load(KnobTableReader.Read("classic.yaml", written)));
        Assert.Contains("    arguments: [1, 1, 2, 0]\n", written);
    }

    [Fact]
    public void YamlWriterRoundTripsUserDefinedTypes()
    {
        const string text = """
            types:
              - name: dilate
                from: Convolution
                to: DilatedConvolution
                parameters: [rate, offset]
                arguments: "{rate}, {offset}"
                precision: fp16
                applies_to: [conv, mul]
              - {name: npu, from: Gemm, to: NpuGemm, supported: false, reason: "needs: an NPU, \"soon\""}
            knobs:
              - {type: dilate, id: 501, parameters: [2, 0], speedup: 1.75, device: install}
              - {type: npu, id: 900, speedup: 4}
              - {type: fp16, id: 12, speedup: 1.5, from: tensorConvolution, to: tensorConvApproxHalf2, applies_to: conv_fc_red}
            """;
        KnobTable table = TableFiles.Load(KnobTableReader.Read("user.yaml", text));
        string written = KnobTableWriter.WriteYaml(table);
        Assert.Equal(table, TableFiles.Load(KnobTableReader.Read("again.yaml", written)));
        Assert.Equal(written, KnobTableWriter.WriteYaml(TableFiles.Load(KnobTableReader.Read("again.yaml", written))));
    }

    [Fact]
    public void HpvmWriterRefusesWhatHpvmCannotHold()
    {
        KnobTable classic = TableFiles.Load(KnobTableReader.ReadFile(TableFiles.ClassicSample));
        Assert.False(KnobTableWriter.CanWriteHpvm(classic, out string? reason));
        Assert.Contains("literal", reason);
        Assert.Throws<InvalidOperationException>(() => KnobTableWriter.WriteHpvm(classic));
        KnobTable user = TableFiles.Load(KnobTableReader.Read("u.yaml", "types:\n  - {name: t, from: Convolution, to: X}\nknobs:\n  - {type: t, id: 1, speedup: 2, device: dev}\n"));
        Assert.False(KnobTableWriter.CanWriteHpvm(user, out reason));
        Assert.Contains("types", reason);
    }

    [Fact]
    public void WritersAreCultureInvariant()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            // The build runs with invariant globalization, so a German-like culture is made by hand.
            var comma = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            comma.NumberFormat.NegativeSign = "\u2212";
            System.Globalization.CultureInfo.CurrentCulture = comma;
            string written = KnobTableWriter.WriteHpvm(KnobTable.Default);
            Assert.Contains("\t1.33\t", written);
            Assert.Equal(KnobTable.Default, TableFiles.Load(KnobTableReader.Read("de.txt", written)));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void DefaultTableAsYamlMatchesTheSnapshot() =>
        Snapshot.Match(KnobTableWriter.WriteYaml(KnobTable.Default), "DefaultTable", "yaml");

    [Fact]
    public void HpvmWriterOutputOfTheDefaultTableMatchesTheSourceFileUpToNumberFormatting()
    {
        string[] original = File.ReadAllLines(TableFiles.HpvmRelease)
            .Select(l => string.Join("\t", l.Split('\t').Where(f => f.Length > 0)))
            .Select(l => l.Replace("\t1.0\t", "\t1\t").Replace("\t2.0\t", "\t2\t").Replace("\t3.0\t", "\t3\t"))
            .ToArray();
        Assert.Equal(original, KnobTableWriter.WriteHpvm(KnobTable.Default).TrimEnd('\n').Split('\n'));
    }
}
