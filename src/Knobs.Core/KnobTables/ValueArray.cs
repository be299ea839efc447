using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Knobs.KnobTables;

/// <summary>
/// An immutable array compared by its elements, so records holding it (and generator models) compare by value.
/// <c>default</c> is the empty array.
/// </summary>
/// <typeparam name="T">Element type; its own equality is used.</typeparam>
public readonly struct ValueArray<T> : IEquatable<ValueArray<T>>, IReadOnlyList<T>
{
    private readonly ImmutableArray<T> items;

    /// <summary>Wraps <paramref name="items"/> (a default array counts as empty).</summary>
    public ValueArray(ImmutableArray<T> items) => this.items = items;

    /// <summary>The empty array.</summary>
    public static ValueArray<T> Empty => default;

    /// <summary>The elements (never default).</summary>
    public ImmutableArray<T> AsImmutableArray() => items.IsDefault ? ImmutableArray<T>.Empty : items;

    /// <inheritdoc/>
    public int Count => items.IsDefault ? 0 : items.Length;

    /// <summary>True when there are no elements.</summary>
    public bool IsEmpty => Count == 0;

    /// <inheritdoc/>
    public T this[int index] => AsImmutableArray()[index];

    /// <summary>Element-wise equality.</summary>
    public bool Equals(ValueArray<T> other)
    {
        ImmutableArray<T> a = AsImmutableArray(), b = other.AsImmutableArray();
        if (a.Length != b.Length) return false;
        EqualityComparer<T> comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < a.Length; i++)
        {
            if (!comparer.Equals(a[i], b[i])) return false;
        }
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ValueArray<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        unchecked
        {
            int hash = 17;
            foreach (T item in AsImmutableArray()) hash = (hash * 31) + (item is null ? 0 : EqualityComparer<T>.Default.GetHashCode(item));
            return hash;
        }
    }

    /// <summary>Element-wise equality.</summary>
    public static bool operator ==(ValueArray<T> left, ValueArray<T> right) => left.Equals(right);

    /// <summary>Element-wise inequality.</summary>
    public static bool operator !=(ValueArray<T> left, ValueArray<T> right) => !left.Equals(right);

    /// <summary>The elements as an enumerator (no allocation for foreach).</summary>
    public ImmutableArray<T>.Enumerator GetEnumerator() => AsImmutableArray().GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)AsImmutableArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)AsImmutableArray()).GetEnumerator();

    /// <summary>Wraps an immutable array.</summary>
    public static implicit operator ValueArray<T>(ImmutableArray<T> items) => new(items);

    /// <summary>The elements joined by <paramref name="separator"/> (for messages and writers).</summary>
    public string Join(string separator) => string.Join(separator, AsImmutableArray());

    /// <inheritdoc/>
    public override string ToString() => "[" + Join(", ") + "]";
}

/// <summary>Creation helpers for <see cref="ValueArray{T}"/>.</summary>
public static class ValueArray
{
    /// <summary>A value array of the given elements.</summary>
    public static ValueArray<T> Create<T>(params T[] items) => new(ImmutableArray.Create(items));

    /// <summary>A value array of the given elements.</summary>
    public static ValueArray<T> From<T>(IEnumerable<T> items) => new(ImmutableArray.CreateRange(items));
}
