namespace Knobs.KnobTables;

/// <summary>The three knob-table formats Knobs reads (docs/knob-tables.md).</summary>
public enum KnobTableFormat
{
    /// <summary>HPVM's release <c>global_knobs.txt</c>: TAB-separated <c>name,id params speedup from to dev|install applies_to</c>.</summary>
    HpvmRelease,

    /// <summary>The older HPVM code autogenerator: space-separated <c>type,id p1,p2,… speedup from to</c>; parameters are appended literally.</summary>
    Classic,

    /// <summary>The native YAML format: the same fields by name, comments, and user-defined knob types.</summary>
    Yaml,
}
