namespace Vypr.Tests.Shared;

/// <summary>The store a test server keeps its runs in.</summary>
public enum StoreKind
{
    /// <summary>A SQLite file in a new temporary directory.</summary>
    Sqlite,

    /// <summary>A new database on the PostgreSQL server named by VYPR_TEST_POSTGRES.</summary>
    PostgreSql,
}
