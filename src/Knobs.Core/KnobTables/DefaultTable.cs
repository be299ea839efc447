using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Knobs.KnobTables;

/// <summary>Loads the embedded HPVM release table once (thread-safe).</summary>
internal static class DefaultTable
{
    /// <summary>Manifest resource name, the same in Knobs.Core and the generator.</summary>
    public const string ResourceName = "Knobs.KnobTables.Resources.global_knobs.txt";

    /// <summary>The path diagnostics and locations of default knobs use.</summary>
    public const string DisplayPath = "<Knobs built-in>/global_knobs.txt";

    private static readonly Lazy<KnobTable> Table = new(Load, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);

    public static KnobTable Value => Table.Value;

    private static KnobTable Load()
    {
        Assembly assembly = typeof(DefaultTable).Assembly;
        using Stream? stream = assembly.GetManifestResourceStream(ResourceName);
        if (stream is null)
        {
            throw new InvalidOperationException($"The embedded default knob table '{ResourceName}' is missing from {assembly.GetName().Name}; this is a Knobs build error.");
        }
        using var reader = new StreamReader(stream);
        KnobTableReadResult result = KnobTableReader.Read(DisplayPath, reader.ReadToEnd());
        return result.Table ?? throw new InvalidOperationException(
            "The embedded default knob table does not load: " + string.Join("; ", result.Diagnostics.Select(d => d.ToString())));
    }
}
