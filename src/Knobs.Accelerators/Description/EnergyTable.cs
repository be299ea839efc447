using System.Collections.Generic;

namespace Knobs.Accelerators.Description;

/// <summary>One energy per event, picojoules, and where the value comes from.</summary>
public sealed class EnergyValue
{
    /// <summary>Creates a value.</summary>
    public EnergyValue(string name, double picojoules, string source, bool assumed)
    {
        Name = name;
        Picojoules = picojoules;
        Source = source;
        Assumed = assumed;
    }

    /// <summary>The key in the description (<c>mac_fp32</c>, <c>dram_byte</c>, …).</summary>
    public string Name { get; }
    /// <summary>Energy per event, pJ.</summary>
    public double Picojoules { get; }
    /// <summary>Where the value comes from: the description file, or the publication a default is taken from.</summary>
    public string Source { get; }
    /// <summary>True for a default: an assumption, not a property of the described hardware.</summary>
    public bool Assumed { get; }
}

/// <summary>
/// The energy of each event the models count (an Accelergy-style action table). Every value the description leaves out
/// takes a default from Horowitz, "Computing's energy problem", ISSCC 2014 (45 nm, 0.9 V), and is marked an assumption.
/// </summary>
public sealed class EnergyTable
{
    private const string Horowitz = "default: Horowitz, ISSCC 2014, 45 nm";

    /// <summary>The keys of an <c>energy_pj</c> mapping, in order.</summary>
    public static IReadOnlyList<string> Keys { get; } = new[]
    {
        "mac_fp32", "mac_fp16", "vector_op_fp32", "vector_op_fp16", "scratchpad_byte", "dram_byte", "host_link_byte",
    };

    /// <summary>The default of each key and where it comes from.</summary>
    public static IReadOnlyDictionary<string, (double Picojoules, string Source)> Defaults { get; } = new Dictionary<string, (double, string)>
    {
        // 32-bit float multiply 3.7 pJ + add 0.9 pJ.
        ["mac_fp32"] = (4.6, Horowitz + ": fp32 multiply 3.7 pJ + add 0.9 pJ"),
        // 16-bit float multiply 1.1 pJ + add 0.4 pJ.
        ["mac_fp16"] = (1.5, Horowitz + ": fp16 multiply 1.1 pJ + add 0.4 pJ"),
        ["vector_op_fp32"] = (0.9, Horowitz + ": fp32 add"),
        ["vector_op_fp16"] = (0.4, Horowitz + ": fp16 add"),
        // 64-bit read of an 8 KB SRAM: 10 pJ.
        ["scratchpad_byte"] = (1.25, Horowitz + ": 8 KB SRAM, 10 pJ per 64-bit access"),
        // 64-bit DRAM access: 1.3-2.6 nJ; the low end.
        ["dram_byte"] = (162.5, Horowitz + ": DRAM, 1.3 nJ per 64-bit access (the low end of 1.3-2.6 nJ)"),
        // A DMA reads host DRAM and writes the accelerator's: two DRAM accesses per byte.
        ["host_link_byte"] = (325.0, Horowitz + ": two DRAM accesses of 1.3 nJ per 64 bits (read on the host, write on the accelerator)"),
    };

    private readonly Dictionary<string, EnergyValue> _values;

    /// <summary>Creates a table from values given by a description; the rest take their defaults.</summary>
    public EnergyTable(IReadOnlyDictionary<string, (double Picojoules, string Source)> given)
    {
        _values = new Dictionary<string, EnergyValue>();
        foreach (string key in Keys)
        {
            _values[key] = given.TryGetValue(key, out var v)
                ? new EnergyValue(key, v.Picojoules, v.Source, assumed: false)
                : new EnergyValue(key, Defaults[key].Picojoules, Defaults[key].Source, assumed: true);
        }
    }

    /// <summary>The table of defaults only.</summary>
    public static EnergyTable Default { get; } = new(new Dictionary<string, (double, string)>());

    /// <summary>Every value, in <see cref="Keys"/> order.</summary>
    public IEnumerable<EnergyValue> Values
    {
        get { foreach (string key in Keys) yield return _values[key]; }
    }

    /// <summary>One multiply-accumulate at fp32.</summary>
    public double MacFp32 => _values["mac_fp32"].Picojoules;
    /// <summary>One multiply-accumulate at fp16.</summary>
    public double MacFp16 => _values["mac_fp16"].Picojoules;
    /// <summary>One vector-unit operation at fp32.</summary>
    public double VectorOpFp32 => _values["vector_op_fp32"].Picojoules;
    /// <summary>One vector-unit operation at fp16.</summary>
    public double VectorOpFp16 => _values["vector_op_fp16"].Picojoules;
    /// <summary>One byte read from or written to a scratchpad.</summary>
    public double ScratchpadByte => _values["scratchpad_byte"].Picojoules;
    /// <summary>One byte read from or written to DRAM.</summary>
    public double DramByte => _values["dram_byte"].Picojoules;
    /// <summary>One byte moved between host memory and the accelerator.</summary>
    public double HostLinkByte => _values["host_link_byte"].Picojoules;
}
