using System.IO;
using System.Text;
using System.Text.Json;
using Knobs.Profiles;
using Knobs.Profiles.Json;
using Knobs.Tables.Json;

namespace Knobs.Tables;

/// <summary>
/// Writes <c>&lt;bench&gt;.table.json</c>: the whole table, lossless (docs/formats.md); read back by <see cref="TableJsonReader"/>.
/// The file is a DTO (Tables/Json/TableDtos.cs) written by the source-generated serializer.
/// </summary>
public static class TableJsonWriter
{
    /// <summary>The value of the <c>format</c> field.</summary>
    public const string FormatName = "knobs-table";

    /// <summary>The table format version this code writes (version 1, without device, provenance and features, still reads).</summary>
    public const int Version = 2;

    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        Encoder = ProfileWriter.Options.Encoder,
    };

    /// <summary>The file's text (indented, <c>\n</c> line ends).</summary>
    public static string ToText(LookupTable table)
    {
        TableDto dto = TableDto.From(table);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Indented))
        {
            JsonSerializer.Serialize(w, dto, KnobsJsonContext.Default.TableDto);
        }
        // Utf8JsonWriter indents with Environment.NewLine; strings escape line breaks, so this only touches layout.
        return new UTF8Encoding(false).GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    /// <summary>Writes the file atomically.</summary>
    public static void Write(string path, LookupTable table) => AtomicFile.WriteAllText(path, ToText(table));
}
