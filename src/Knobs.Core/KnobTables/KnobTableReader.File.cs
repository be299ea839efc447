using System;
using System.Collections.Immutable;
using System.IO;
using System.Text;

namespace Knobs.KnobTables;

// File IO for Knobs.Core callers (tasks, runtime, tests). The generator compiles this file too but never calls it: it reads
// tables through AdditionalTexts, so RS1035 (no file IO in analyzers) is suppressed here only.
#pragma warning disable RS1035
public static partial class KnobTableReader
{
    /// <summary>Files larger than this are not read (KNB0023): knob tables are a few kilobytes.</summary>
    public const long MaxFileBytes = 4L * MaxTextLength;

    /// <summary>
    /// Reads the file at <paramref name="path"/> (UTF-8, BOM optional). A file that cannot be read, or is larger than
    /// <see cref="MaxFileBytes"/>, is diagnostic KNB0023.
    /// </summary>
    public static KnobTableReadResult ReadFile(string path)
    {
        byte[] bytes;
        try
        {
            long length = new FileInfo(path).Length;
            if (length > MaxFileBytes)
            {
                string size = (length / (1024 * 1024)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var tooLarge = KnobDiagnosticCatalog.UnreadableFile.Create(new SourceLocation(path, 1, 1), "it is " + size + " MB, more than the 4 MB a knob table file may have, so it is probably not a knob table");
                return new KnobTableReadResult(null, ImmutableArray.Create(tooLarge));
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException || ex is System.Security.SecurityException)
        {
            var diagnostic = KnobDiagnosticCatalog.UnreadableFile.Create(new SourceLocation(path ?? "", 1, 1), ex.Message);
            return new KnobTableReadResult(null, ImmutableArray.Create(diagnostic));
        }
        return Read(path, Decode(bytes));
    }

    /// <summary>
    /// The text of a table file as the compiler reads an additional file: UTF-8, or UTF-16/UTF-32 when a byte-order mark
    /// says so, so a table reads the same in the build and in the tools.
    /// </summary>
    internal static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
