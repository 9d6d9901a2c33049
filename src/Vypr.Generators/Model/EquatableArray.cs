using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Vypr.Generators.Model;

/// <summary>
/// An immutable array compared by its elements, so pipeline models holding lists stay equal across runs and the
/// incremental generator can skip unchanged work.
/// </summary>
/// <remarks>
/// A class, not a struct: the compiler's incremental pipeline is generic over the values that flow through it, and a
/// struct there (or a tuple holding one) makes the JIT compile the pipeline's code once more for each such value type in
/// every compiler process, about 1,260 methods for this generator's pipeline; over reference types that code is shared
/// (docs/benchmarks.md, "Session 8 (buildcost8)").
/// </remarks>
internal sealed class EquatableArray<T> : IEquatable<EquatableArray<T>>, IEnumerable<T>
    where T : IEquatable<T>
{
    private readonly ImmutableArray<T> _items;

    public EquatableArray(ImmutableArray<T> items) => _items = items;

    public static EquatableArray<T> Empty { get; } = new(ImmutableArray<T>.Empty);

    public int Length => _items.IsDefault ? 0 : _items.Length;

    public T this[int index] => _items[index];

    public ImmutableArray<T> AsImmutableArray() => _items.IsDefault ? ImmutableArray<T>.Empty : _items;

    public bool Equals(EquatableArray<T>? other)
    {
        if (other is null)
        {
            return false;
        }

        ImmutableArray<T> mine = AsImmutableArray();
        ImmutableArray<T> theirs = other.AsImmutableArray();
        if (mine.Length != theirs.Length)
        {
            return false;
        }

        for (int i = 0; i < mine.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(mine[i], theirs[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        int hash = 17;
        foreach (T item in AsImmutableArray())
        {
            hash = (hash * 31) + (item is null ? 0 : EqualityComparer<T>.Default.GetHashCode(item));
        }

        return hash;
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)AsImmutableArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
