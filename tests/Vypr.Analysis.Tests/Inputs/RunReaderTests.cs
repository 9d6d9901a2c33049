using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Vypr.Analysis.Inputs;
using Vypr.Analysis.Tests.Explanations;
using Vypr.Contracts;
using Xunit;

namespace Vypr.Analysis.Tests.Inputs;

public sealed class RunReaderTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vypr-analysis-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void A_samples_file_accepts_the_three_named_non_finite_numbers()
    {
        string path = Write("a.json", """{"schema":"vypr.samples/1","machine":"m","commit":"c1","metrics":[{"name":"parse","samples":[1.5,"NaN","Infinity","-Infinity",2]}]}""");
        MeasuredRun run = RunReader.Read(path);
        Assert.Equal("m", run.Machine);
        Assert.Equal("ns", run.Metrics["parse"].Unit);
        double[] samples = run.Metrics["parse"].Samples.ToArray();
        Assert.True(double.IsNaN(samples[1]));
        Assert.True(double.IsPositiveInfinity(samples[2]));
        Assert.True(double.IsNegativeInfinity(samples[3]));
    }

    [Theory]
    [InlineData("""{"schema":"vypr.samples/1","metrics":[{"name":"parse","samples":[1,"5"]}]}""", "$.metrics[0].samples[1]")]
    [InlineData("""{"schema":"vypr.samples/1","metrics":[{"name":"parse","samples":[1,1e400]}]}""", "$.metrics[0].samples[1]")]
    [InlineData("""{"schema":"vypr.samples/1","metrics":[{"name":"parse","samples":[1,2]},{"name":"parse","samples":[3]}]}""", "$.metrics[1].name")]
    [InlineData("""{"schema":"vypr.samples/1"}""", "$.metrics")]
    [InlineData("""{"schema":"vypr.samples/1","metrics":[{"name":"a\u0000b","samples":[1]}]}""", "$.metrics[0].name")]
    [InlineData("""{"schema":"vypr.samples/1","metrics":[{"name":"a\ud800b","samples":[1]}]}""", "$.metrics[0].name")]
    [InlineData("""{"schema":"vypr.samples/1","metrics":[{"name":"ok","samples":[1]},{"name":"\udc00","samples":[1]}]}""", "$.metrics[1].name")]
    [InlineData("""{"schema":"other/1","metrics":[]}""", "$.schema")]
    [InlineData("""{"schema":"vypr.samples/1",""", ":1:")]
    public void A_malformed_file_is_refused_naming_the_file_and_the_place(string json, string place)
    {
        string path = Write("bad.json", json);
        var e = Assert.Throws<InvalidDataException>(() => RunReader.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(place, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_results_file_gives_one_metric_per_specification_and_call_site_and_the_tests_wall_times()
    {
        RunDocument document = Documents.Uploader(10, 2, 20);
        string path = Write("run.json", JsonSerializer.Serialize(document, VyprJsonContext.Default.RunDocument));
        MeasuredRun run = RunReader.Read(path);
        Assert.Equal("ci; Linux; 2 cores", run.Machine);
        Assert.Equal(10, run.Metrics["Uploader.IovOrderRule.Validate(Uploader.Payload) MaxDuration(\"20ms\") @ PayloadValidator.cs:13"].Samples.Count);
        Assert.Equal(20, run.Metrics["Uploader.IovOrderRule.Validate(Uploader.Payload) MaxDuration(\"20ms\") @ BatchValidator.cs:40"].Samples.Count);
        Assert.Equal(2e9, run.Metrics["test Uploader.Tests.UploadTests.Bulk (wall time)"].Samples.Single());
    }

    [Fact]
    public void When_satisfied_verdicts_were_dropped_violations_are_thinned_to_the_same_rate()
    {
        // 100 kept verdicts (50 violations, 50 satisfied) stand for 1,000 calls of which 50 violated: 950 satisfied
        // were made, 50 kept (5.3%), so about 3 violations represent them, not 50.
        RunDocument document = Documents.Uploader(100, 50, 0);
        document = document with
        {
            Summaries = [new CallSiteSummary(1, 9, 1000, 50, 0, 1, 1, 1)],
            CallSites = [document.CallSites[0]],
            Tests = [document.Tests[0]],
        };
        string path = Write("run.json", JsonSerializer.Serialize(document, VyprJsonContext.Default.RunDocument));
        var samples = RunReader.Read(path).Metrics["Uploader.IovOrderRule.Validate(Uploader.Payload) MaxDuration(\"20ms\") @ PayloadValidator.cs:13"].Samples;
        Assert.Equal(53, samples.Count);
        Assert.Equal(3, samples.Count(v => v > 20_000_000));
    }

    [Fact]
    public void Histories_take_each_runs_median_in_start_time_order()
    {
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Write("2.json", $$"""{"schema":"vypr.samples/1","commit":"second","startedAt":"{{t0.AddHours(1):O}}","metrics":[{"name":"m","samples":[5,6,7]}]}""");
        Write("1.json", $$"""{"schema":"vypr.samples/1","commit":"first","startedAt":"{{t0:O}}","metrics":[{"name":"m","samples":[1,2,3,"NaN"]}]}""");
        var histories = RunSets.ToHistories(RunReader.ReadAll([directory]));
        Assert.Equal([("first", 2.0), ("second", 6.0)], histories["m"].Select(p => (p.Commit, p.Value)).ToArray());
    }

    [Fact]
    public void A_missing_path_is_named()
    {
        string missing = Path.Combine(directory, "nope.json");
        var e = Assert.Throws<FileNotFoundException>(() => RunReader.ReadAll([missing]));
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
