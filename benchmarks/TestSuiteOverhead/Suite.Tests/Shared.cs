using Suite.Library;

namespace Suite.Tests;

/// <summary>What every test class builds its objects from, created once per process as a real suite's fixtures would be.</summary>
public static class Shared
{
    public static readonly PriceCatalog Catalog = new(500);
}
