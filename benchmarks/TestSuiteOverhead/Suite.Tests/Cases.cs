using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Suite.Tests;

/// <summary>Rows for the theories: each row is one test in the run.</summary>
public static class Cases
{
    public static TheoryData<int> Numbers(int count) => new(Enumerable.Range(0, count));

    public static TheoryData<int> Hundred => Numbers(100);

    public static TheoryData<int> Eighty => Numbers(80);

    public static TheoryData<int> Sixty => Numbers(60);

    /// <summary>A deterministic order of <paramref name="lines"/> lines for row <paramref name="seed"/>.</summary>
    public static IReadOnlyList<Suite.Library.OrderLine> Order(int seed, int lines) =>
        Enumerable.Range(0, lines).Select(i => new Suite.Library.OrderLine(Suite.Library.PriceCatalog.Code((seed * 31 + i * 7) % 500), 1 + (seed + i) % 15)).ToArray();
}
