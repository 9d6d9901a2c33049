using System.Collections.Generic;
using System.Linq;
using Suite.Library;
using Xunit;

namespace Suite.Tests;

public sealed class CatalogTests
{
    [Theory]
    [MemberData(nameof(Cases.Hundred), MemberType = typeof(Cases))]
    public void Every_product_has_a_positive_price(int row)
    {
        for (int i = 0; i < 5; i++)
        {
            string code = PriceCatalog.Code(row * 5 + i);
            Assert.True(Shared.Catalog.Contains(code));
            Assert.True(Shared.Catalog.PriceOf(code) > 0);
        }
    }

    [Theory]
    [MemberData(nameof(Cases.Sixty), MemberType = typeof(Cases))]
    public void Search_finds_the_products_of_a_prefix(int row)
    {
        string prefix = "P-00" + (row % 5);
        IReadOnlyList<string> found = Shared.Catalog.Search(prefix);
        Assert.Equal(100, found.Count);
        Assert.True(found.SequenceEqual(found.OrderBy(c => c, System.StringComparer.Ordinal)));
    }

    [Fact]
    public void Unknown_codes_are_refused() =>
        Assert.Throws<KeyNotFoundException>(() => Shared.Catalog.PriceOf("X-1"));

    [Fact]
    public void Unknown_codes_are_not_contained() => Assert.False(Shared.Catalog.Contains("X-2"));
}
