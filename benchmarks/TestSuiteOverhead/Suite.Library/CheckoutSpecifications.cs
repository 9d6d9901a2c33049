// Compiled only with Vypr (VYPR is defined by the projects that reference it): measure.sh also builds the suite without Vypr.
#if VYPR
using Vypr;

namespace Suite.Library;

/// <summary>Specifications in the language: bounds on the calls inside a checkout.</summary>
public static class CheckoutSpecifications
{
    /// <summary>Within a total, every price lookup takes under 500 ms.</summary>
    [PerformanceSpecification]
    public static Specification LookupsAreQuick => Specification
        .For<Checkout>(nameof(Checkout.Total))
        .Forall("p", Calls.To<PriceCatalog>(nameof(PriceCatalog.PriceOf)))
        .Check(p => p.Duration() < Duration.Milliseconds(500));

    /// <summary>Within placing an order, a reservation of more than 100 items still takes under 500 ms.</summary>
    [PerformanceSpecification]
    public static Specification ReservationsAreQuick => Specification
        .For<Checkout>(nameof(Checkout.PlaceAsync))
        .Forall("r", Calls.To<InventoryStore>(nameof(InventoryStore.ReserveAsync)))
        .Check(r => Formula.If(r.Argument("quantity") > 100).Then(r.Duration() < Duration.Milliseconds(500)));
}
#endif
