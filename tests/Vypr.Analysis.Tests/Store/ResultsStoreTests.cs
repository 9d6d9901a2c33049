using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Vypr.Analysis.Store;
using Vypr.Analysis.Tests.Explanations;
using Vypr.Contracts;
using Xunit;

namespace Vypr.Analysis.Tests.Store;

public sealed class ResultsStoreTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vypr-store-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Calls_come_back_with_run_test_specification_and_call_site_resolved()
    {
        var t0 = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        Write("b.json", Documents.Uploader(10, 3, 5, commit: "second", startedAt: t0.AddDays(1)));
        Write("a.json", Documents.Uploader(4, 0, 2, commit: "first", startedAt: t0));
        ResultsStore store = ResultsStore.Open([directory]);
        Assert.Equal(["first", "second"], store.Runs.Select(r => r.Run.Commit ?? string.Empty).ToArray());
        Assert.Equal(21, store.Calls.Count());
        var violations = store.Calls.Where(c => c.Violated).ToList();
        Assert.Equal(3, violations.Count);
        Assert.All(violations, c =>
        {
            Assert.Equal("second", c.Run.Commit);
            Assert.Equal("Uploader.Tests.UploadTests.Bulk", c.Test!.Name);
            Assert.Equal(13, c.CallSite!.Line);
            Assert.True(c.Duration > TimeSpan.FromMilliseconds(20));
        });
        Assert.Equal(21, store.CallsOf("Uploader.IovOrderRule.Validate(Uploader.Payload)").Count());
        Assert.Empty(store.OnBranch("release").Runs);
    }

    [Fact]
    public void A_samples_file_is_not_a_results_file()
    {
        string path = Path.Combine(directory, "s.json");
        File.WriteAllText(path, """{"schema":"vypr.samples/1","metrics":[]}""");
        var e = Assert.Throws<InvalidDataException>(() => ResultsStore.Open([path]));
        Assert.Contains("$.schema is 'vypr.samples/1'", e.Message, StringComparison.Ordinal);
    }

    private void Write(string name, RunDocument document) =>
        File.WriteAllText(Path.Combine(directory, name), JsonSerializer.Serialize(document, VyprJsonContext.Default.RunDocument));
}
