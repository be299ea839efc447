using System.Text.Json.Serialization;
using Knobs.Tables.Json;

namespace Knobs.Profiles.Json;

/// <summary>
/// The source-generated System.Text.Json metadata of every Knobs JSON file: profile lines and <c>table.json</c>.
/// Property names are the DTO names in camel case, in declaration order; nulls are written as <c>null</c>.
/// Encoding and indentation come from the <see cref="System.Text.Json.Utf8JsonWriter"/> a writer passes in.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, GenerationMode = JsonSourceGenerationMode.Default)]
[JsonSerializable(typeof(RecordKindDto))]
[JsonSerializable(typeof(VersionDto))]
[JsonSerializable(typeof(HeaderLine))]
[JsonSerializable(typeof(OpLine))]
[JsonSerializable(typeof(QosDto))]
[JsonSerializable(typeof(SummaryLine))]
[JsonSerializable(typeof(TableDto))]
internal sealed partial class KnobsJsonContext : JsonSerializerContext
{
}
