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
    /// <summary>Reads the file at <paramref name="path"/> (UTF-8, BOM optional); an unreadable file is diagnostic KNB0023.</summary>
    public static KnobTableReadResult ReadFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException || ex is System.Security.SecurityException)
        {
            var diagnostic = KnobDiagnosticCatalog.UnreadableFile.Create(new SourceLocation(path ?? "", 1, 1), ex.Message);
            return new KnobTableReadResult(null, ImmutableArray.Create(diagnostic));
        }
        return Read(path, new UTF8Encoding(false, false).GetString(bytes));
    }
}
