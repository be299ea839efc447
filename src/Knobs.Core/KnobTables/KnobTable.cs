using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace Knobs.KnobTables;

/// <summary>
/// An ordered table of knobs with unique ids, plus the knob types it can use (all built-ins, then user-defined types in
/// declaration order). Immutable and thread-safe; equality compares knobs and types by value (not source locations).
/// </summary>
public sealed class KnobTable : IEquatable<KnobTable>
{
    private readonly Dictionary<int, Knob> byId;
    private readonly Dictionary<string, KnobType> typesByName;

    internal KnobTable(IEnumerable<Knob> knobs, IEnumerable<KnobType> userTypes)
    {
        Knobs = ValueArray.From(knobs);
        Types = ValueArray.From(BuiltInKnobTypes.All.Concat(userTypes));
        byId = new Dictionary<int, Knob>();
        foreach (Knob knob in Knobs) byId[knob.Id] = knob;
        typesByName = new Dictionary<string, KnobType>(StringComparer.Ordinal);
        foreach (KnobType type in Types) typesByName[type.Name] = type;
    }

    /// <summary>The knobs in table order.</summary>
    public ValueArray<Knob> Knobs { get; }

    /// <summary>Built-in types followed by the table's user-defined types.</summary>
    public ValueArray<KnobType> Types { get; }

    /// <summary>The user-defined types only (those declared in YAML tables).</summary>
    public IEnumerable<KnobType> UserTypes => Types.Where(t => !t.IsBuiltIn);

    /// <summary>Number of knobs.</summary>
    public int Count => Knobs.Count;

    /// <summary>An empty table (only the built-in types).</summary>
    public static KnobTable Empty { get; } = new(Array.Empty<Knob>(), Array.Empty<KnobType>());

    /// <summary>The knob with id <paramref name="id"/>, if any.</summary>
    public bool TryGet(int id, [NotNullWhen(true)] out Knob? knob) => byId.TryGetValue(id, out knob);

    /// <summary>The knobs of type <paramref name="typeName"/>, in table order.</summary>
    public ImmutableArray<Knob> ByType(string typeName) => Knobs.Where(k => k.Type == typeName).ToImmutableArray();

    /// <summary>The type named <paramref name="name"/> (built-in or user-defined), if any.</summary>
    public bool TryGetType(string name, [NotNullWhen(true)] out KnobType? type) => typesByName.TryGetValue(name, out type);

    /// <summary>
    /// The built-in default: HPVM's release table (<c>global_knobs.txt</c>, 69 knobs), embedded in Knobs.Core.
    /// </summary>
    public static KnobTable Default => DefaultTable.Value;

    /// <summary>
    /// The union of <paramref name="tables"/> in order. Duplicate knob ids (KNB0005) or conflicting user types of the same
    /// name (KNB0019) are errors, and then <see cref="KnobTableReadResult.Table"/> is null.
    /// </summary>
    public static KnobTableReadResult Merge(IEnumerable<KnobTable> tables) => KnobTableMerger.Merge(tables);

    /// <summary>The union of <paramref name="tables"/>; see <see cref="Merge(IEnumerable{KnobTable})"/>.</summary>
    public static KnobTableReadResult Merge(params KnobTable[] tables) => KnobTableMerger.Merge(tables);

    /// <inheritdoc/>
    public bool Equals(KnobTable? other) => other is not null && Knobs.Equals(other.Knobs) && Types.Equals(other.Types);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as KnobTable);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCodes.Combine(Knobs.GetHashCode(), Types.GetHashCode());

    /// <inheritdoc/>
    public override string ToString() => "KnobTable(" + Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " knobs)";
}
