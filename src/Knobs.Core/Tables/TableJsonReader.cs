using System.IO;
using System.Text.Json;
using Knobs.Profiles;
using Knobs.Profiles.Json;
using Knobs.Tables.Json;

namespace Knobs.Tables;

/// <summary>
/// Reads <c>&lt;bench&gt;.table.json</c> written by <see cref="TableJsonWriter"/>: the source-generated serializer reads
/// the DTO (Tables/Json/TableDtos.cs), one validation pass turns it into a <see cref="LookupTable"/>.
/// </summary>
public static class TableJsonReader
{
    /// <summary>Reads the table at <paramref name="path"/>.</summary>
    public static LookupTable Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>The largest table file read (64 MB); lookup tables of real networks are tens of kilobytes.</summary>
    public const int MaxLength = 64 * 1024 * 1024;

    /// <summary>Parses table JSON; <paramref name="file"/> names it in errors.</summary>
    public static LookupTable Parse(string json, string file)
    {
        JsonDocument doc;
        if (json.Length > MaxLength) throw new TableFormatException(file, 0, "the file is larger than 64 MB, so it is not a Knobs lookup table");
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new TableFormatException(file, (int)(e.LineNumber ?? -1) + 1, "malformed JSON: " + e.Message);
        }
        using (doc)
        {
            RecordKindDto? kind = null;
            try
            {
                if (doc.RootElement.ValueKind == JsonValueKind.Object) kind = DtoFields.Deserialize(doc.RootElement, KnobsJsonContext.Default.RecordKindDto, file, 0);
            }
            catch (ProfileFormatException)
            {
            }
            if (kind?.Format != TableJsonWriter.FormatName)
            {
                throw new TableFormatException(file, 0, $"not a Knobs table: expected \"format\":\"{TableJsonWriter.FormatName}\"");
            }
            try
            {
                var fields = new DtoFields(file, 0);
                int version = fields.Required(DtoFields.Deserialize(doc.RootElement, KnobsJsonContext.Default.VersionDto, file, 0).Version, "version");
                if (version < 1 || version > TableJsonWriter.Version)
                {
                    throw new TableFormatException(file, 0, $"table format version {version} is not supported (this Knobs reads versions 1 to {TableJsonWriter.Version})");
                }
                return DtoFields.Deserialize(doc.RootElement, KnobsJsonContext.Default.TableDto, file, 0).ToModel(fields, version);
            }
            catch (ProfileFormatException e)
            {
                throw new TableFormatException(file, 0, e.Problem);
            }
        }
    }
}
