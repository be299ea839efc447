using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Linq;
using System.Text.Json;
using Knobs.Configurations;
using Knobs.Profiles.Json;

namespace Knobs.Profiles;

/// <summary>
/// Reads profiles (docs/formats.md). Rejects, with <see cref="ProfileFormatException"/> naming file and line:
/// a foreign file (first line is not a Knobs header), a truncated file (no summary line), a newer format
/// version, records out of order, and malformed or missing fields.
/// </summary>
public static class ProfileReader
{
    private const string ForeignProblem =
        "not a Knobs profile: the first line must be a header {\"type\":\"header\",\"format\":\"" + ProfileHeader.FormatName + "\",…}";

    /// <summary>
    /// Reads every profile of <paramref name="paths"/> (each once, in ordinal order); one that cannot be read is a
    /// KNB0234 error in <paramref name="diagnostics"/> at its file and line, and is left out.
    /// </summary>
    public static List<(string Path, Profile Profile)> ReadAll(IEnumerable<string> paths, ICollection<ConfigurationDiagnostic> diagnostics)
    {
        var profiles = new List<(string Path, Profile Profile)>();
        foreach (string path in paths.Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal))
        {
            try
            {
                profiles.Add((path, Read(path)));
            }
            catch (ProfileFormatException e)
            {
                diagnostics.Add(Unreadable(e.Problem, e.File, e.Line));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(Unreadable("cannot read the profile: " + e.Message, path, 0));
            }
        }
        return profiles;
    }

    private static ConfigurationDiagnostic Unreadable(string message, string file, int line) =>
        new(DiagnosticIds.UnreadableProfile, ConfigurationSeverity.Error, message, file, line, 0);

    /// <summary>Reads the profile at <paramref name="path"/>.</summary>
    public static Profile Read(string path)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return Read(reader, path);
    }

    /// <summary>Reads a profile from <paramref name="reader"/>; <paramref name="file"/> names it in errors.</summary>
    public static Profile Read(TextReader reader, string file)
    {
        ProfileHeader? header = null;
        var ops = new List<OpRecord>();
        QosRecord? qos = null;
        SummaryRecord? summary = null;
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (summary is not null)
            {
                throw new ProfileFormatException(file, lineNumber, "content after the summary line; the summary must be the last line");
            }
            if (line.Trim().Length == 0)
            {
                throw new ProfileFormatException(file, lineNumber, "blank line; every line of a profile is one JSON record");
            }
            using JsonDocument doc = Parse(line, file, lineNumber, header is null);
            JsonElement root = doc.RootElement;
            var fields = new DtoFields(file, lineNumber);
            if (header is null)
            {
                header = ReadHeader(root, file, lineNumber);
                continue;
            }
            if (root.ValueKind != JsonValueKind.Object) throw fields.Fail($"'line' must be a JSON object, found {root.ValueKind}");
            string? type = DtoFields.Deserialize(root, KnobsJsonContext.Default.RecordKindDto, file, lineNumber).Type;
            switch (type)
            {
                case "header":
                    throw fields.Fail("a second header line; a profile has exactly one header, on the first line");
                case "op" when qos is null:
                    ops.Add(DtoFields.Deserialize(root, KnobsJsonContext.Default.OpLine, file, lineNumber).ToModel(fields));
                    break;
                case "op":
                    throw fields.Fail("an op record after the qos record; op records come before qos and summary");
                case "qos" when qos is null:
                    qos = DtoFields.Deserialize(root, KnobsJsonContext.Default.QosDto, file, lineNumber).ToModel(fields);
                    break;
                case "qos":
                    throw fields.Fail("a second qos record");
                case "summary":
                    summary = DtoFields.Deserialize(root, KnobsJsonContext.Default.SummaryLine, file, lineNumber).ToModel(fields);
                    break;
                case null:
                    throw fields.Fail("record has no \"type\" field");
                default:
                    throw fields.Fail($"unknown record type '{type}' (expected header, op, qos or summary)");
            }
        }
        if (header is null)
        {
            throw new ProfileFormatException(file, 0, "the file is empty; expected a Knobs profile (JSON lines starting with a header)");
        }
        if (summary is null)
        {
            throw new ProfileFormatException(file, lineNumber,
                "truncated profile: the last line is not a summary record, so the run did not finish writing it. Re-run the profile.");
        }
        return new Profile(header, ops, qos, summary);
    }

    private static JsonDocument Parse(string line, string file, int lineNumber, bool first)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            string problem = first
                ? ForeignProblem
                : "malformed JSON" + (e.BytePositionInLine is { } p ? " at byte " + p.ToString(CultureInfo.InvariantCulture) : "") +
                  ": " + e.Message;
            throw new ProfileFormatException(file, lineNumber, problem);
        }
    }

    /// <summary>The first line: a Knobs header of a version this code reads, else a foreign file.</summary>
    private static ProfileHeader ReadHeader(JsonElement root, string file, int line)
    {
        RecordKindDto? kind = null;
        if (root.ValueKind == JsonValueKind.Object)
        {
            try
            {
                kind = DtoFields.Deserialize(root, KnobsJsonContext.Default.RecordKindDto, file, line);
            }
            catch (ProfileFormatException)
            {
                DtoFields.CheckNames(root, file, line);
            }
        }
        if (kind is not { Type: "header", Format: ProfileHeader.FormatName }) throw new ProfileFormatException(file, line, ForeignProblem);
        var fields = new DtoFields(file, line);
        int version = fields.Required(DtoFields.Deserialize(root, KnobsJsonContext.Default.VersionDto, file, line).Version, "version");
        if (version < ProfileHeader.OldestVersion || version > ProfileHeader.CurrentVersion)
        {
            throw new ProfileFormatException(file, line, FormattableString.Invariant(
                $"profile format version {version} is not supported (this Knobs reads versions {ProfileHeader.OldestVersion} to {ProfileHeader.CurrentVersion}); use a matching Knobs version"));
        }
        return DtoFields.Deserialize(root, KnobsJsonContext.Default.HeaderLine, file, line).ToModel(fields, version);
    }
}
