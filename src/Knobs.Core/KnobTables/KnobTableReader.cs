using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;

namespace Knobs.KnobTables;

/// <summary>
/// Reads knob tables in any of the three formats. Never throws on bad input and never half-loads: every problem is a
/// <see cref="KnobDiagnostic"/>, and any error leaves <see cref="KnobTableReadResult.Table"/> null. Thread-safe.
/// </summary>
public static partial class KnobTableReader
{
    /// <summary>The most characters a knob table may have (KNB0025); HPVM's release table has about 2,000.</summary>
    public const int MaxTextLength = 1024 * 1024;

    /// <summary>The most knobs one table, or all of a project's tables together, may have (KNB0025): each is a generated variant.</summary>
    public const int MaxKnobs = 1024;

    /// <summary>
    /// Reads <paramref name="text"/>, reporting locations in <paramref name="path"/>. The format is YAML for <c>.yaml</c>/<c>.yml</c>
    /// files or text starting <c>types:</c>/<c>knobs:</c>/<c>---</c>; otherwise the HPVM release format when the first row has TABs,
    /// else the classic format (also when
    /// that row has exactly five TAB-separated fields). A leading byte-order mark and CRLF line ends are accepted.
    /// </summary>
    public static KnobTableReadResult Read(string path, string text)
    {
        path ??= "";
        text ??= "";
        if (text.Length > 0 && text[0] == '\uFEFF') text = text.Substring(1);
        var bag = new DiagnosticBag();
        if (text.Length > MaxTextLength)
        {
            bag.Add(KnobDiagnosticCatalog.TableTooLarge, new SourceLocation(path, 1, 1),
                text.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " characters", "1,048,576 characters");
            return new KnobTableReadResult(null, bag.ToImmutable());
        }
        int nul = text.IndexOf('\0');
        if (nul >= 0)
        {
            (int line, int column) = TextLines.Position(text, nul);
            bag.Add(KnobDiagnosticCatalog.BinaryInput, new SourceLocation(path, line, column));
            return new KnobTableReadResult(null, bag.ToImmutable());
        }
        KnobTableFormat? format = DetectFormat(path, text);
        if (format is null)
        {
            bag.Add(KnobDiagnosticCatalog.EmptyTable, new SourceLocation(path, 1, 1));
            return new KnobTableReadResult(null, bag.ToImmutable());
        }
        KnobTable? table;
        try
        {
            table = format switch
            {
                KnobTableFormat.Yaml => YamlTableParser.Parse(path, text, bag),
                KnobTableFormat.Classic => TableAssembler.Assemble(path, ClassicParser.Parse(path, text, bag), Array.Empty<KnobType>(), bag),
                _ => TableAssembler.Assemble(path, HpvmReleaseParser.Parse(path, text, bag), Array.Empty<KnobType>(), bag),
            };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A reader bug must still surface as a diagnostic, not crash the compiler or the build.
            bag.Add(KnobDiagnosticCatalog.InternalError, new SourceLocation(path, 1, 1), ex.GetType().Name + ": " + ex.Message);
            table = null;
        }
        return new KnobTableReadResult(table, bag.ToImmutable(), format);
    }

    /// <summary>The format <see cref="Read"/> would use; null when the text has no content.</summary>
    public static KnobTableFormat? DetectFormat(string path, string text)
    {
        string extension = Path.GetExtension(path ?? "");
        if (string.Equals(extension, ".yaml", StringComparison.OrdinalIgnoreCase) || string.Equals(extension, ".yml", StringComparison.OrdinalIgnoreCase))
        {
            return KnobTableFormat.Yaml;
        }
        foreach ((int _, string line) in TextLines.Enumerate(text ?? ""))
        {
            if (TextLines.IsBlankOrComment(line)) continue;
            string trimmed = line.Trim();
            if (trimmed.StartsWith("---", StringComparison.Ordinal) || trimmed.StartsWith("%YAML", StringComparison.Ordinal)
                || trimmed.StartsWith("types:", StringComparison.Ordinal) || trimmed.StartsWith("knobs:", StringComparison.Ordinal))
            {
                return KnobTableFormat.Yaml;
            }
            if (line.IndexOf('\t') < 0) return KnobTableFormat.Classic;
            // Some classic tables were saved with TABs: five fields means classic whatever the separator.
            return line.Split('\t').Count(f => f.Trim().Length > 0) == ClassicParser.FieldCount ? KnobTableFormat.Classic : KnobTableFormat.HpvmRelease;
        }
        return null;
    }
}
