using System.Threading.Tasks;
using Suite.Library;
using Xunit;

namespace Suite.Tests;

public sealed class InventoryTests
{
    [Theory]
    [MemberData(nameof(Cases.Hundred), MemberType = typeof(Cases))]
    public async Task Reservations_add_up(int row)
    {
        var store = new InventoryStore();
        string code = PriceCatalog.Code(row);
        int total = 0;
        for (int i = 1; i <= 4; i++)
        {
            total += i;
            Assert.Equal(total, await store.ReserveAsync(code, i));
        }

        Assert.Equal(total, await store.HeldAsync(code));
    }

    [Theory]
    [MemberData(nameof(Cases.Eighty), MemberType = typeof(Cases))]
    public async Task Releasing_gives_the_stock_back(int row)
    {
        var store = new InventoryStore();
        string code = PriceCatalog.Code(row + 1000);
        await store.ReserveAsync(code, 5);
        await store.ReleaseAsync(code, 5);
        Assert.Equal(0, await store.HeldAsync(code));
    }
}
