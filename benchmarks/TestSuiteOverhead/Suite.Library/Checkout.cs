using System.Collections.Generic;
using System.Threading.Tasks;

namespace Suite.Library;

/// <summary>Totals and places orders: the scoped methods of <see cref="CheckoutSpecifications"/>.</summary>
public sealed class Checkout(PriceCatalog catalog, InventoryStore inventory, IPricingRule rule)
{
    /// <summary>The total of <paramref name="lines"/>: one price lookup and one rule per line.</summary>
    public decimal Total(IReadOnlyList<OrderLine> lines)
    {
        decimal total = 0;
        foreach (OrderLine line in lines)
        {
            total += rule.Apply(catalog.PriceOf(line.Code), line.Quantity);
        }

        return total;
    }

    /// <summary>Reserves every line and returns the total.</summary>
    public async Task<decimal> PlaceAsync(IReadOnlyList<OrderLine> lines)
    {
        foreach (OrderLine line in lines)
        {
            await inventory.ReserveAsync(line.Code, line.Quantity);
        }

        return Total(lines);
    }
}
