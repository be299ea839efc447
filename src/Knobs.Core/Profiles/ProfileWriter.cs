using System;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Knobs.Profiles.Json;

namespace Knobs.Profiles;

/// <summary>
/// Writes profiles as JSON Lines (docs/formats.md): fixed field order, invariant numbers (shortest round-trip),
/// <c>\n</c> line ends, no BOM. <see cref="Write(string, Profile)"/> is atomic (temp file + rename).
/// Each line is a DTO (Profiles/Json/ProfileDtos.cs) written by the source-generated serializer.
/// </summary>
public static class ProfileWriter
{
    internal static readonly JsonWriterOptions Options = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    /// <summary>Writes <paramref name="profile"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="ArgumentException">A number is NaN or infinite (profiles hold finite numbers only).</exception>
    public static void Write(string path, Profile profile)
    {
        byte[] bytes = ToBytes(profile);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>The profile's file content as text.</summary>
    public static string ToText(Profile profile) => new System.Text.UTF8Encoding(false).GetString(ToBytes(profile));

    /// <summary>The profile's file content as UTF-8 bytes.</summary>
    public static byte[] ToBytes(Profile profile)
    {
        if (profile is null) throw new ArgumentNullException(nameof(profile));
        using var buffer = new MemoryStream();
        WriteLine(buffer, HeaderLine.From(profile.Header), KnobsJsonContext.Default.HeaderLine);
        foreach (OpRecord op in profile.Ops)
        {
            WriteLine(buffer, OpLine.From(op), KnobsJsonContext.Default.OpLine);
        }
        if (profile.Qos is { } qos)
        {
            WriteLine(buffer, QosDto.From(qos, "qos"), KnobsJsonContext.Default.QosDto);
        }
        WriteLine(buffer, SummaryLine.From(profile.Summary), KnobsJsonContext.Default.SummaryLine);
        return buffer.ToArray();
    }

    private static void WriteLine<T>(MemoryStream buffer, T line, JsonTypeInfo<T> info)
    {
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            JsonSerializer.Serialize(writer, line, info);
        }
        buffer.WriteByte((byte)'\n');
    }
}
