using System;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Vypr.Server.Benchmarks;

// A measured console harness rather than BenchmarkDotNet: one end-to-end ingest moves hundreds of thousands of
// rows through a server, which does not fit BenchmarkDotNet's many-invocation model. Every figure is measured in
// this one run, raw and end-to-end alternating, and reported as a ratio.
if (args.Length > 0 && args[0] == "memory")
{
    // memory [clients] [bursts] [path to a vypr-server.dll, to measure another build]
    string memoryDirectory = Path.Combine(Path.GetTempPath(), "vypr-server-memory-" + Guid.NewGuid().ToString("N")[..8]);
    Directory.CreateDirectory(memoryDirectory);
    try
    {
        await MemoryBurst.RunAsync(
            memoryDirectory,
            args.Length > 3 ? args[3] : Path.Combine(AppContext.BaseDirectory, "vypr-server.dll"),
            args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32,
            args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4);
    }
    finally
    {
        Directory.Delete(memoryDirectory, recursive: true);
    }

    return;
}

long verdicts = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
long queryVerdicts = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
const int batchSize = 2_000;
const int rounds = 5;
const int queries = 2_000;

string directory = Path.Combine(Path.GetTempPath(), "vypr-server-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(directory);
try
{
    Console.WriteLine($"Ingest: {verdicts:N0} verdicts in batches of {batchSize:N0}, {rounds} rounds, SQLite WAL synchronous=FULL, {Environment.ProcessorCount} cores");
    // One small round first, not counted: both paths are measured with their code already compiled by the JIT.
    string warmup = Path.Combine(directory, "warmup");
    Directory.CreateDirectory(warmup);
    await RawSqliteInsert.RunAsync(Path.Combine(warmup, "raw.db"), new Workload(Guid.NewGuid()), 20_000, batchSize);
    await EndToEndIngest.RunAsync(warmup, new Workload(Guid.NewGuid()), 20_000, batchSize);

    double[] ratios = new double[rounds];
    for (int round = 0; round < rounds; round++)
    {
        string roundDirectory = Path.Combine(directory, $"round{round}");
        Directory.CreateDirectory(roundDirectory);
        TimeSpan raw = await RawSqliteInsert.RunAsync(Path.Combine(roundDirectory, "raw.db"), new Workload(Guid.NewGuid()), verdicts, batchSize);
        TimeSpan endToEnd = await EndToEndIngest.RunAsync(roundDirectory, new Workload(Guid.NewGuid()), verdicts, batchSize);
        double rawRate = verdicts / raw.TotalSeconds;
        double endToEndRate = verdicts / endToEnd.TotalSeconds;
        ratios[round] = endToEndRate / rawRate;
        Console.WriteLine($"  round {round + 1}: raw insert {rawRate,10:N0} verdicts/s; end-to-end HTTP {endToEndRate,10:N0} verdicts/s; ratio {ratios[round]:P0}");
    }

    Array.Sort(ratios);
    Console.WriteLine($"  median ratio end-to-end / raw: {ratios[rounds / 2]:P0} (target >= 50%)");

    string queryStore = Path.Combine(directory, "query.db");
    Console.WriteLine($"Query: filling a store with {queryVerdicts:N0} verdicts ({Workload.Methods} methods, 10% violations)...");
    TimeSpan fill = await RawSqliteInsert.RunAsync(queryStore, new Workload(Guid.NewGuid()), queryVerdicts, 10_000);
    Console.WriteLine($"  filled in {fill.TotalSeconds:N1} s");
    (double p50, double p95, double p99, long stored) = await QueryLatency.RunAsync(queryStore, queries);
    Console.WriteLine($"  GET /api/v1/methods/{{id}}/calls?verdict=false&limit=100 at random cursors, {queries:N0} requests over {stored:N0} calls:");
    Console.WriteLine($"  p50 {p50:N2} ms, p95 {p95:N2} ms, p99 {p99:N2} ms (target p95 < 50 ms)");
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(directory, recursive: true);
}
