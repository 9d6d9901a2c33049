using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Server.Ingest;
using Vypr.Server.Storage;
using Vypr.Server.Tests.Harness;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Server.Tests.Stores;

/// <summary>A statement the store refuses must leave every pooled connection clean for the next request.</summary>
public sealed class PooledConnectionTests
{
    [Fact]
    public async Task A_statement_PostgreSQL_refuses_does_not_poison_the_next_ingest()
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.PostgreSql);
        await using var database = new VerdictDatabase(store.Location);
        await Migrations.ApplyAsync(database, TestContext.Current.CancellationToken);
        var writer = new IngestWriter(database);
        var source = new IngestSource("p", null);

        // NUL is refused by validation before it reaches the store; written here directly, PostgreSQL refuses it
        // (22021) in the middle of a transaction, as any failing statement could.
        for (int round = 0; round < 4; round++)
        {
            RunDocument nulTest = Documents.Batch(Guid.NewGuid(), 1, 3) with { Tests = [Documents.Test(1) with { Name = "a\0b" }, Documents.Test(2)] };
            RunDocument nulBranch = Documents.Batch(Guid.NewGuid(), 1, 3) with { Run = Documents.Run(Guid.NewGuid()) with { Branch = "x\0y" } };
            await Assert.ThrowsAnyAsync<Exception>(() => writer.WriteAsync([(nulTest, "$")], source, TestContext.Current.CancellationToken));
            await Assert.ThrowsAnyAsync<Exception>(() => writer.WriteAsync([(nulBranch, "$")], source, TestContext.Current.CancellationToken));

            IngestOutcome outcome = await writer.WriteAsync([(Documents.Batch(Guid.NewGuid(), 1, 5), "$")], source, TestContext.Current.CancellationToken);
            Assert.Equal(5, outcome.VerdictsStored);
        }
    }
}
