using System.Globalization;
using Knobs.Diagnostics;

namespace Knobs.KnobTables;

/// <summary>Makes knob-table diagnostics from the catalog's descriptors (<see cref="KnobDiagnosticCatalog"/>).</summary>
public static class KnobDiagnosticFactory
{
    /// <summary>A diagnostic of this kind at <paramref name="location"/>; text arguments have their control characters escaped.</summary>
    public static KnobDiagnostic Create(this KnobsDiagnosticDescriptor descriptor, SourceLocation location, params object?[] args)
    {
        object?[] safe = new object?[args.Length];
        for (int i = 0; i < args.Length; i++) safe[i] = args[i] is string text ? SafeText.Escape(text) : args[i];
        return new(descriptor.Id, descriptor.Severity, string.Format(CultureInfo.InvariantCulture, descriptor.MessageFormat ?? "{0}", safe), location);
    }
}
