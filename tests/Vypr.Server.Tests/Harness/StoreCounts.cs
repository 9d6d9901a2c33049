using System.Collections.Generic;
using System.Data.Common;
using System.Threading.Tasks;
using Vypr.Server.Storage;
using Xunit;

namespace Vypr.Server.Tests.Harness;

/// <summary>The row count of every table: two equal results mean a request stored nothing.</summary>
public static class StoreCounts
{
    private static readonly string[] s_tables =
    [
        "projects", "runs", "methods", "specifications", "run_specifications", "call_sites", "run_call_sites",
        "tests", "test_measurements", "calls", "verdicts", "observations", "api_tokens", "call_site_summaries",
    ];

    internal static async Task<IReadOnlyDictionary<string, long>> ReadAsync(TestStore store)
    {
        var counts = new SortedDictionary<string, long>();
        await using var database = new VerdictDatabase(store.Location);
        await using DbConnection connection = await database.OpenAsync(TestContext.Current.CancellationToken);
        foreach (string table in s_tables)
        {
            // Table names come from the list above, never from input.
            await using DbCommand count = Sql.Command(connection, null, $"SELECT COUNT(*) FROM {table}");
            counts[table] = (await Sql.ScalarInt64Async(count, TestContext.Current.CancellationToken))!.Value;
        }

        return counts;
    }

    internal static async Task<long> CountAsync(TestStore store, string table) => (await ReadAsync(store))[table];
}
