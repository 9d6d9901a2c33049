namespace Vypr.Server.Tests.Harness;

public enum StoreKind
{
    Sqlite,
    PostgreSql,
}
