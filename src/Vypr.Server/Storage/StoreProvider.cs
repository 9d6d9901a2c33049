namespace Vypr.Server.Storage;

/// <summary>The database engines the verdict store runs on; the schema and migrations are the same for both.</summary>
internal enum StoreProvider
{
    /// <summary>An embedded SQLite file: no setup, one writer at a time.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, for teams that keep years of runs.</summary>
    PostgreSql,
}
