namespace Suite.Library;

/// <summary>Rounds to whole cents; not monitored, so calls through the interface that reach it are not probed.</summary>
public sealed class RoundingRule : IPricingRule
{
    public decimal Apply(decimal unitPrice, int quantity) => decimal.Round(unitPrice * quantity, 2);
}
