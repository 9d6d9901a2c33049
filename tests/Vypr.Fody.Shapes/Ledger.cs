using System;
using System.Linq;

namespace Shapes;

/// <summary>A scoped method reached through an interface: under IL its invocation begins in its own body.</summary>
public interface ILedger
{
    int Tally(int[] amounts);
}

/// <summary>
/// The scope of the fluent specifications in <see cref="LedgerSpecifications"/>, woven in IL (this project's
/// VyprWeaving is Both). Its body writes its variables in every shape the source generator cannot observe: a
/// compound assignment of a field, an increment, an out argument, a deconstruction and a pattern variable.
/// </summary>
public sealed class Ledger : ILedger
{
    private int _total;

    public int Total => _total;

    public int Tally(int[] amounts)
    {
        int count = 0;
        foreach (int amount in amounts)
        {
            count++;
            _total += Weigh(amount);
        }

        int.TryParse("42", out int parsed);
        (int low, int high) = Bounds(amounts);
        object boxed = high;
        int last = 0;
        if (boxed is int seen && seen >= low)
        {
            last = seen;
            Console.Write(seen == int.MinValue ? "never" : string.Empty);
        }

        return count + parsed - 42 + last - high;
    }

    /// <summary>Tallies each batch: calls of the scoped method inside the woven assembly itself.</summary>
    public int TallyAll(int[][] batches)
    {
        int all = 0;
        foreach (int[] batch in batches)
        {
            all += Tally(batch);
        }

        return all;
    }

    /// <summary>A scoped method whose quantified call throws for a negative amount: the call is still an event (threw), as an interceptor records it.</summary>
    public int TryWeigh(int amount)
    {
        try
        {
            return Weigh(amount);
        }
        catch (ArgumentOutOfRangeException)
        {
            return -1;
        }
    }

    /// <summary>
    /// A scoped method whose quantified call throws in the middle of an expression (100 is already on the evaluation
    /// stack), caught in its body: the call is still an event (threw).
    /// </summary>
    public int Offset(int amount)
    {
        try
        {
            return 100 + Weigh(amount);
        }
        catch (ArgumentOutOfRangeException)
        {
            return -1;
        }
    }

    /// <summary>The same in an expression-bodied method whose exception reaches its caller.</summary>
    public int Scaled(int amount) => 3 * Weigh(amount) + amount;

    /// <summary>
    /// A scoped method writing its locals through their addresses: through a ref local, as a ref argument whose call
    /// has another call in its arguments after the address, and as an out variable declared in a condition.
    /// </summary>
    public int Aliases(int seed)
    {
        int moved = 0;
        ref int alias = ref moved;
        alias = seed + 1;
        int nested = 1;
        Accumulate(ref nested, Weigh(seed));
        if (int.TryParse(seed.ToString(System.Globalization.CultureInfo.InvariantCulture), out int echoed) && echoed > 0)
        {
            nested += echoed;
        }

        return moved + nested;
    }

    /// <summary>A synchronous scoped method: its woven invocation is current on its thread and allocates nothing.</summary>
    public int Bump(int x) => x + 1;

    /// <summary>A scoped method that assigns its parameter: the argument is still the value passed.</summary>
    public int Clamp(int limit)
    {
        if (limit > 10)
        {
            limit = 10;
        }

        return limit;
    }

    private static void Accumulate(ref int total, int amount) => total += amount;

    public static int Weigh(int amount) => amount >= 0 ? amount * 2 : throw new ArgumentOutOfRangeException(nameof(amount));

    private static (int Low, int High) Bounds(int[] amounts) => (amounts.Min(), amounts.Max());
}
