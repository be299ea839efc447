using System.Collections.Generic;
using System.Linq;

namespace Knobs.Configurations;

/// <summary>The result of reading a configuration file: the file (when there were no errors) and every diagnostic.</summary>
public sealed class ConfigurationReadResult
{
    internal ConfigurationReadResult(ConfigurationFile? file, IReadOnlyList<ConfigurationDiagnostic> diagnostics)
    {
        File = file;
        Diagnostics = diagnostics;
    }

    /// <summary>The parsed file; null when any error was found.</summary>
    public ConfigurationFile? File { get; }

    /// <summary>Errors and warnings in file order.</summary>
    public IReadOnlyList<ConfigurationDiagnostic> Diagnostics { get; }

    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
