using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Suite.Library;
using Xunit;

namespace Suite.Tests;

public sealed class CheckoutTests
{
    [Theory]
    [MemberData(nameof(Cases.Hundred), MemberType = typeof(Cases))]
    public void A_total_is_the_sum_of_its_lines(int row)
    {
        var checkout = new Checkout(Shared.Catalog, new InventoryStore(), new RoundingRule());
        IReadOnlyList<OrderLine> order = Cases.Order(row, 8);
        decimal expected = order.Sum(l => decimal.Round(Shared.Catalog.PriceOf(l.Code) * l.Quantity, 2));
        Assert.Equal(expected, checkout.Total(order));
    }

    [Theory]
    [MemberData(nameof(Cases.Eighty), MemberType = typeof(Cases))]
    public async Task Placing_an_order_reserves_every_line(int row)
    {
        var inventory = new InventoryStore();
        var checkout = new Checkout(Shared.Catalog, inventory, new VolumeDiscount());
        IReadOnlyList<OrderLine> order = Cases.Order(row, 5);
        decimal total = await checkout.PlaceAsync(order);
        Assert.True(total > 0);
        foreach (OrderLine line in order)
        {
            Assert.True(await inventory.HeldAsync(line.Code) >= line.Quantity);
        }
    }

    [Fact]
    public async Task Orders_placed_at_once_all_reserve()
    {
        var inventory = new InventoryStore();
        var checkout = new Checkout(Shared.Catalog, inventory, new VolumeDiscount());
        decimal[] totals = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => checkout.PlaceAsync(Cases.Order(i, 4)))));
        Assert.All(totals, t => Assert.True(t > 0));
    }
}
