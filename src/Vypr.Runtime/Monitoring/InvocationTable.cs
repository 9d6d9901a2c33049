using System.Collections.Generic;

namespace Vypr.Runtime.Monitoring;

/// <summary>
/// The open invocations of a drain-side stage (the <see cref="InvocationRouter"/>'s orders, a
/// <see cref="FormulaMonitor"/>'s invocations), keyed by scope, with the newest one kept out of the dictionary.
/// </summary>
/// <remarks>
/// Records come in runs from one invocation, and most invocations are recorded on one thread and drained in one
/// piece: such an invocation is <see cref="Current"/> from its first record to its end and never touches the
/// dictionary, and once ended it stays <see cref="Current"/> as the spare (<see cref="Free"/>) the next invocation
/// takes, with no pool round trip. An invocation stops being current only when another's record arrives before its
/// end: it then moves to the dictionary. A struct held in a field of its owner, so the owner's inlined test of
/// <see cref="Current"/> is one load; used only under <see cref="RuntimeMonitor"/>'s drain lock.
/// </remarks>
/// <typeparam name="T">What the stage keeps per invocation.</typeparam>
internal struct InvocationTable<T>
    where T : InvocationEntry, new()
{
    /// <summary>The scope of the spare: records carry int invocation IDs, so no record's scope is this.</summary>
    public const long Free = long.MinValue;

    private readonly Dictionary<long, T> _table;
    private readonly Stack<T> _pool;

    public InvocationTable()
    {
        _table = [];
        _pool = new Stack<T>();
    }

    /// <summary>The newest invocation (the owner tests its scope before calling <see cref="Find"/>), the spare, or null before any.</summary>
    public T? Current;

    /// <summary>Invocations open: in the dictionary, and the current one unless it is the spare.</summary>
    public readonly int Count => _table.Count + (Current is { InTable: false, Scope: not Free } ? 1 : 0);

    /// <summary>The open invocations in the dictionary (see <see cref="OpenCurrent"/> for the other one).</summary>
    public readonly Dictionary<long, T>.ValueCollection InDictionary => _table.Values;

    /// <summary>The current invocation when it is open and not in the dictionary, else null.</summary>
    public readonly T? OpenCurrent => Current is { InTable: false, Scope: not Free } current ? current : null;

    /// <summary>
    /// The invocation of <paramref name="scope"/>, which is not <see cref="Current"/>: the current one, if open, moves
    /// to the dictionary, and the one found (or a new one: the spare, a pooled one or a new instance) becomes current.
    /// </summary>
    /// <param name="scope">The record's invocation.</param>
    /// <param name="isNew">True when the invocation was not open: the owner initialises it.</param>
    /// <returns>The invocation, now <see cref="Current"/>.</returns>
    public T Find(long scope, out bool isNew)
    {
        T? current = Current;
        bool spare = current is { Scope: Free };
        if (current is { InTable: false } && !spare)
        {
            _table.Add(current!.Scope, current);
            current.InTable = true;
        }

        if (_table.Count > 0 && _table.TryGetValue(scope, out T? entry))
        {
            if (spare)
            {
                _pool.Push(current!);
            }

            isNew = false;
        }
        else
        {
            entry = spare ? current! : _pool.Count > 0 ? _pool.Pop() : new T();
            entry.Scope = scope;
            isNew = true;
        }

        if (!ReferenceEquals(current, entry))
        {
            Current = entry;
        }

        return entry;
    }

    /// <summary>Takes the open invocation of <paramref name="scope"/> out of the table as it ends; null when it is not open.</summary>
    /// <param name="scope">The invocation.</param>
    /// <returns>The invocation, no longer in the dictionary; hand it to <see cref="Recycle"/> once its state is reset.</returns>
    public readonly T? Remove(long scope)
    {
        T? entry = Current;
        if (entry is not null && entry.Scope == scope)
        {
            if (entry.InTable)
            {
                _table.Remove(scope);
            }
        }
        else if (!_table.Remove(scope, out entry))
        {
            return null;
        }

        entry.InTable = false;
        return entry;
    }

    /// <summary>An ended invocation whose state is reset: the current one stays current as the spare; any other goes to the pool.</summary>
    /// <param name="entry">What <see cref="Remove"/> returned.</param>
    public readonly void Recycle(T entry)
    {
        if (ReferenceEquals(Current, entry))
        {
            entry.Scope = Free;
        }
        else
        {
            _pool.Push(entry);
        }
    }

    /// <summary>An invocation that is neither current nor the spare, put straight in the dictionary (the router's late records).</summary>
    /// <param name="scope">The invocation.</param>
    /// <returns>A reset instance (pooled or new), in the dictionary under <paramref name="scope"/>.</returns>
    public readonly T AddToDictionary(long scope)
    {
        T entry = _pool.Count > 0 ? _pool.Pop() : new T();
        entry.Scope = scope;
        entry.InTable = true;
        _table.Add(scope, entry);
        return entry;
    }
}
