using System;
using System.Runtime.CompilerServices;

namespace Vypr.Runtime.Tests.Formulas;

/// <summary>A scoped loop of calls, some of which throw, under a specification that only bounds each call's duration.</summary>
public sealed class DurationOnlyScopes
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Tick(int i) => i % 7 == 0 ? throw new InvalidOperationException("every seventh tick") : i;

    /// <summary>Makes <paramref name="calls"/> ticks; one in seven throws and is caught here.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Loop(int calls)
    {
        int sum = 0;
        for (int i = 0; i < calls; i++)
        {
            try
            {
                sum += Tick(i);
            }
            catch (InvalidOperationException)
            {
                sum--;
            }
        }

        return sum;
    }
}
