using System;
using System.Collections.Generic;
using System.IO;
using Knobs.Tables;

namespace Knobs.Tasks.Tables;

/// <summary>
/// The files written for one lookup table (docs/formats.md, "Lookup table files"), by file name: <c>&lt;bench&gt;.*</c> for
/// the CPU, HPVM's default device, and <c>&lt;bench&gt;.&lt;device&gt;.*</c> for every other device (<c>gpu</c>,
/// <c>accel-&lt;name&gt;</c>), so tables of several devices sit side by side.
/// </summary>
internal static class TableFiles
{
    /// <summary>A device kind as it appears in file names: <c>accel:arr32</c> → <c>accel-arr32</c>.</summary>
    public static string DeviceKey(string deviceKind) => TableFileNames.DeviceKey(deviceKind);

    /// <summary>The stem of a table's files: <c>&lt;bench&gt;</c> for the CPU, <c>&lt;bench&gt;.&lt;device key&gt;</c> for another device.</summary>
    public static string Stem(string benchmark, string deviceKind) => TableFileNames.Stem(benchmark, deviceKind);

    public static IEnumerable<(string FileName, Func<LookupTable, string> Render)> For(string benchmark, string deviceKind = Knobs.Profiles.ProfileDevice.Cpu)
    {
        string stem = Stem(benchmark, deviceKind);
        yield return (stem + ".tensors.txt", HpvmTensorTableWriter.ToText);
        yield return (stem + ".table.csv", TableCsvWriter.ToText);
        yield return (stem + ".table.json", TableJsonWriter.ToText);
        yield return (stem + ".table.md", TableMarkdownWriter.ToText);
    }

    /// <summary>Writes every file of <paramref name="table"/> into <paramref name="directory"/>; returns (path, written).</summary>
    public static IEnumerable<(string Path, bool Written)> Write(string directory, LookupTable table)
    {
        foreach (var (fileName, render) in For(table.Benchmark, table.DeviceKind))
        {
            string path = Path.Combine(directory, fileName);
            yield return (path, FileWriter.WriteIfChanged(path, render(table)));
        }
    }
}
