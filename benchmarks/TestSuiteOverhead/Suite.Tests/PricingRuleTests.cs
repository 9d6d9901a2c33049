using Suite.Library;
using Xunit;

namespace Suite.Tests;

public sealed class PricingRuleTests
{
    private static readonly IPricingRule[] s_rules = [new VolumeDiscount(), new RoundingRule()];

    [Theory]
    [MemberData(nameof(Cases.Hundred), MemberType = typeof(Cases))]
    public void Rules_never_raise_a_price(int row)
    {
        foreach (IPricingRule rule in s_rules)
        {
            for (int quantity = 1; quantity <= 12; quantity += 3)
            {
                decimal unit = 1 + row / 7m;
                Assert.True(rule.Apply(unit, quantity) <= unit * quantity + 0.005m);
            }
        }
    }

    [Theory]
    [InlineData(9, 90)]
    [InlineData(10, 90)]
    [InlineData(20, 180)]
    public void Volume_discount_starts_at_ten_items(int quantity, int expected)
    {
        IPricingRule rule = new VolumeDiscount();
        Assert.Equal(expected, rule.Apply(10, quantity));
    }
}
