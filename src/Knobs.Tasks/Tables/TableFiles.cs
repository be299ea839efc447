using System;
using System.Collections.Generic;
using System.IO;
using Knobs.Tables;

namespace Knobs.Tasks.Tables;

/// <summary>The files written for one lookup table (docs/formats.md, "Lookup table files"), by file name.</summary>
internal static class TableFiles
{
    public static IEnumerable<(string FileName, Func<LookupTable, string> Render)> For(string benchmark)
    {
        yield return (benchmark + ".tensors.txt", HpvmTensorTableWriter.ToText);
        yield return (benchmark + ".table.csv", TableCsvWriter.ToText);
        yield return (benchmark + ".table.json", TableJsonWriter.ToText);
        yield return (benchmark + ".table.md", TableMarkdownWriter.ToText);
    }

    /// <summary>Writes every file of <paramref name="table"/> into <paramref name="directory"/>; returns (path, written).</summary>
    public static IEnumerable<(string Path, bool Written)> Write(string directory, LookupTable table)
    {
        foreach (var (fileName, render) in For(table.Benchmark))
        {
            string path = Path.Combine(directory, fileName);
            yield return (path, FileWriter.WriteIfChanged(path, render(table)));
        }
    }
}
