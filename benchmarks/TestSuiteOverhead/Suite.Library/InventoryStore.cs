using System.Collections.Concurrent;
using System.Threading.Tasks;
#if VYPR
using Vypr;
#endif

namespace Suite.Library;

/// <summary>Stock levels behind an asynchronous API, as a store backed by a database would have.</summary>
public sealed class InventoryStore
{
    private readonly ConcurrentDictionary<string, int> _stock = new();

#if VYPR
    [MaxDuration("1s")]
#endif
    public async Task<int> ReserveAsync(string code, int quantity)
    {
        // Every tenth reservation goes to the "database" and back: a task that completes later.
        if (code.EndsWith('7'))
        {
            await Task.Yield();
        }

        return _stock.AddOrUpdate(code, quantity, (_, held) => held + quantity);
    }

#if VYPR
    [MaxDuration("1s")]
#endif
    public Task ReleaseAsync(string code, int quantity)
    {
        _stock.AddOrUpdate(code, 0, (_, held) => held - quantity);
        return Task.CompletedTask;
    }

#if VYPR
    [MaxDuration("500ms")]
#endif
    public ValueTask<int> HeldAsync(string code) => new(_stock.TryGetValue(code, out int held) ? held : 0);
}
