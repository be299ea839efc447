using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Knobs.Configurations;

/// <summary>
/// Reads configuration files in HPVM's grammar (docs/formats.md). Never throws on bad content and never hangs:
/// every problem is a <see cref="ConfigurationDiagnostic"/> with line and column, lines and the file are size-bounded,
/// and reading stops after <see cref="ConfigurationReaderOptions.MaxErrors"/> errors.
/// </summary>
public static class ConfigurationReader
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static ConfigurationReadResult ReadFile(string path, ConfigurationReaderOptions? options = null)
    {
        options ??= new ConfigurationReaderOptions();
        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (!info.Exists)
            {
                return Fail(path, DiagnosticIds.FileNotFound, "the configuration file does not exist");
            }
            if (info.Length > options.MaxChars * 3)
            {
                return Fail(path, DiagnosticIds.TooLarge, FormattableString.Invariant(
                    $"the file is {info.Length} bytes, over the limit of {options.MaxChars} characters; split it into smaller files"));
            }
            using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            return Read(reader, path, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Fail(path, DiagnosticIds.FileNotFound, "the configuration file cannot be read: " + e.Message);
        }
    }

    /// <summary>Parses configuration text; <paramref name="file"/> names it in diagnostics.</summary>
    public static ConfigurationReadResult Parse(string text, string file, ConfigurationReaderOptions? options = null)
    {
        using var reader = new StringReader(text);
        return Read(reader, file, options ?? new ConfigurationReaderOptions());
    }

    /// <summary>Reads configuration text from <paramref name="reader"/>; <paramref name="file"/> names it in diagnostics.</summary>
    public static ConfigurationReadResult Read(TextReader reader, string file, ConfigurationReaderOptions? options = null) =>
        new ConfigurationParser(file, options ?? new ConfigurationReaderOptions()).Parse(reader);

    private static ConfigurationReadResult Fail(string file, string id, string message) =>
        new(null, new[] { new ConfigurationDiagnostic(id, ConfigurationSeverity.Error, message, file, 0, 0) });
}
