using System;
using System.IO;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Vypr.Server.Storage;

/// <summary>Where the verdict store lives: which engine and how to connect to it.</summary>
/// <param name="Provider">The engine.</param>
/// <param name="ConnectionString">The engine's connection string.</param>
internal sealed record StoreLocation(StoreProvider Provider, string ConnectionString)
{
    /// <summary>The SQLite file used when nothing else is configured.</summary>
    public static string DefaultSqlitePath => Path.GetFullPath("vypr.db");

    /// <summary>A SQLite file store.</summary>
    /// <param name="path">The database file; created when missing.</param>
    /// <returns>The location.</returns>
    public static StoreLocation Sqlite(string path)
    {
        string full = Path.GetFullPath(path);
        string? directory = Path.GetDirectoryName(full);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new ArgumentException($"the directory of the SQLite file '{full}' does not exist");
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Writers are serialised by the store; this only covers a reader meeting a checkpoint.
            DefaultTimeout = 30,
        };
        return new StoreLocation(StoreProvider.Sqlite, builder.ToString());
    }

    /// <summary>A PostgreSQL store.</summary>
    /// <param name="connectionString">An Npgsql connection string (<c>Host=...;Database=...;Username=...;Password=...</c>).</param>
    /// <returns>The location.</returns>
    public static StoreLocation PostgreSql(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"the PostgreSQL connection string is not valid: {e.Message}", e);
        }

        return new StoreLocation(StoreProvider.PostgreSql, connectionString);
    }

    /// <summary>The location without secrets, for logs.</summary>
    /// <returns>The engine and the file or host.</returns>
    public string Describe() => Provider switch
    {
        StoreProvider.Sqlite => "SQLite " + new SqliteConnectionStringBuilder(ConnectionString).DataSource,
        _ => DescribePostgreSql(),
    };

    private string DescribePostgreSql()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }
}
