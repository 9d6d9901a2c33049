namespace Suite.Library;

/// <summary>A rule that adjusts an order line's price; implementations are called through the interface.</summary>
public interface IPricingRule
{
    /// <summary>The adjusted price of <paramref name="quantity"/> items at <paramref name="unitPrice"/>.</summary>
    decimal Apply(decimal unitPrice, int quantity);
}
