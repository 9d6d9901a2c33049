using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace Vypr.TestCost;

/// <summary>
/// The monitored code the measured tests call, one method per shape: a synchronous <c>[MaxDuration]</c> call, an
/// asynchronous one returning a completed task, and a scoped method (<see cref="Close"/>) whose one call to
/// <see cref="Entry"/> a fluent specification quantifies over (<see cref="LedgerSpecifications"/>).
/// </summary>
public sealed class Ledger
{
    [MaxDuration("1s")]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Post(int amount) => amount + 1;

    // No await: completes synchronously with the runtime's cached completed task.
#pragma warning disable CS1998
    [MaxDuration("1s")]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static async Task SettleAsync(int amount)
    {
    }
#pragma warning restore CS1998

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Entry(int amount) => amount + 2;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Close(int amount) => Entry(amount);
}
