#if VYPR
using Vypr;
#endif

namespace Suite.Library;

/// <summary>Ten percent off from ten items: a monitored implementation reached through <see cref="IPricingRule"/>.</summary>
public sealed class VolumeDiscount : IPricingRule
{
#if VYPR
    [MaxDuration("500ms")]
#endif
    public decimal Apply(decimal unitPrice, int quantity) => quantity >= 10 ? unitPrice * quantity * 0.9m : unitPrice * quantity;
}
