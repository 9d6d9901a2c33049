using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using Vypr.Contracts;

namespace Vypr.Benchmarks;

/// <summary>
/// What the results format's rules cost where the runtime writes and reads it: one shipper batch (2,000 verdicts,
/// compact JSON) through the contracts' context, whose converters write non-finite doubles as named literals,
/// refuse out-of-range numbers and clean texts, against the same source-generated metadata with the built-in
/// converters (the format before issue 8, which threw on a non-finite value).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ResultsJsonBenchmarks
{
    private static readonly JsonTypeInfo<RunDocument> s_rules = Compact(keepConverters: true);
    private static readonly JsonTypeInfo<RunDocument> s_builtIn = Compact(keepConverters: false);

    private readonly MemoryStream _buffer = new();
    private RunDocument _batch = null!;
    private byte[] _json = [];

    [GlobalSetup]
    public void Setup()
    {
        var run = new RunInfo(Guid.NewGuid(), "Bench.Tests", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "host; Debian; X64; 2 cores", ".NET 10", "e78ec77", "main");
        var specification = new SpecificationInfo(1, "M:Uploader.Store.Put(Uploader.Payload) MaxDuration(\"5ms\")", "Uploader.Store.Put(Uploader.Payload)", "MaxDuration(\"5ms\")", 5_000_000);
        var callSite = new CallSiteInfo(1, 1, "/repo/src/Uploader/Store.cs", 42, 9, "Uploader.ConditionsUploader.UploadAsync(Uploader.Payload)", "Uploader");
        var verdicts = new VerdictInfo[2_000];
        for (int i = 0; i < verdicts.Length; i++)
        {
            long duration = 1_000_000 + (i * 7919 % 9_000_000);
            verdicts[i] = new VerdictInfo(i + 1, 1, 1, 1 + (i % 50), 12, DateTimeOffset.UtcNow, duration, duration <= 5_000_000, 5_000_000 - duration, false,
                [new ObservationInfo("duration", duration, "ns", "<= 5ms", duration <= 5_000_000)]);
        }

        _batch = new RunDocument(RunDocument.CurrentSchema, run, [specification], [callSite], [], verdicts);
        _json = JsonSerializer.SerializeToUtf8Bytes(_batch, s_rules);
    }

    [Benchmark(Baseline = true)]
    public long WriteBuiltIn() => Write(s_builtIn);

    [Benchmark]
    public long WriteWithRules() => Write(s_rules);

    [Benchmark]
    public int ReadBuiltIn() => JsonSerializer.Deserialize(_json, s_builtIn)!.Verdicts.Count;

    [Benchmark]
    public int ReadWithRules() => JsonSerializer.Deserialize(_json, s_rules)!.Verdicts.Count;

    private long Write(JsonTypeInfo<RunDocument> typeInfo)
    {
        _buffer.SetLength(0);
        JsonSerializer.Serialize(_buffer, _batch, typeInfo);
        return _buffer.Length;
    }

    private static JsonTypeInfo<RunDocument> Compact(bool keepConverters)
    {
        var options = new JsonSerializerOptions(VyprJsonContext.Default.Options) { WriteIndented = false };
        if (!keepConverters)
        {
            options.Converters.Clear();
        }

        return (JsonTypeInfo<RunDocument>)options.GetTypeInfo(typeof(RunDocument));
    }
}
