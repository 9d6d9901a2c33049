using System;
using System.Collections.Generic;
#if VYPR
using Vypr;
#endif

namespace Suite.Library;

/// <summary>Prices by product code: synchronous calls bounded by <c>[MaxDuration]</c>.</summary>
public sealed class PriceCatalog
{
    private readonly Dictionary<string, decimal> _prices = new(StringComparer.Ordinal);

    /// <summary>A catalog of <paramref name="products"/> products, priced deterministically.</summary>
    public PriceCatalog(int products)
    {
        for (int i = 0; i < products; i++)
        {
            _prices[Code(i)] = 1 + (i * 37 % 1000) / 10m;
        }
    }

    /// <summary>The product code of product number <paramref name="index"/>.</summary>
    public static string Code(int index) => "P-" + index.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);

#if VYPR
    [MaxDuration("500ms")]
#endif
    public decimal PriceOf(string code) => _prices.TryGetValue(code, out decimal price) ? price : throw new KeyNotFoundException(code);

#if VYPR
    [MaxDuration("500ms")]
#endif
    public bool Contains(string code) => _prices.ContainsKey(code);

#if VYPR
    [MaxDuration("1s")]
#endif
    public IReadOnlyList<string> Search(string prefix)
    {
        var found = new List<string>();
        foreach (string code in _prices.Keys)
        {
            if (code.StartsWith(prefix, StringComparison.Ordinal))
            {
                found.Add(code);
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }
}
