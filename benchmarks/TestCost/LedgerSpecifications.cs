namespace Vypr.TestCost;

/// <summary>The fluent specification of <see cref="Ledger.Close"/>.</summary>
public static class LedgerSpecifications
{
    /// <summary>The entry a close makes takes at most a second.</summary>
    [PerformanceSpecification]
    public static Specification ClosingEntryIsFast => Specification
        .For<Ledger>(nameof(Ledger.Close))
        .Forall("e", Calls.To<Ledger>(nameof(Ledger.Entry)))
        .Check(e => e.Duration() <= Duration.Seconds(1));
}
