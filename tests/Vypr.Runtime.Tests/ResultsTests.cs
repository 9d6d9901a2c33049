using System;
using System.IO;
using System.Linq;
using Vypr.Contracts;
using Xunit;

namespace Vypr.Runtime.Tests;

public sealed class ResultsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vypr-results-test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_results_file_reads_back_as_written()
    {
        using (TestScope scope = TestScope.Begin("results"))
        {
            Workload.Compute(1);
            Workload.AlwaysTooSlow(2);
            scope.CollectVerdicts();
        }

        RunDocument written = RuntimeMonitor.Snapshot("Vypr.Runtime.Tests");
        string path = ResultsFile.Write(written, _directory);
        RunDocument read = ResultsFile.Read(path);

        Assert.Equal(RunDocument.CurrentSchema, read.Schema);
        Assert.Equal(written.Run, read.Run);
        Assert.Equal(written.Specifications, read.Specifications);
        Assert.Equal(written.CallSites, read.CallSites);
        Assert.Equal(written.Tests, read.Tests);
        Assert.Equal(written.Verdicts.Count, read.Verdicts.Count);
        Assert.Equal(written.Verdicts.Select(v => (v.Sequence, v.Value, v.DurationNanoseconds)), read.Verdicts.Select(v => (v.Sequence, v.Value, v.DurationNanoseconds)));
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(_directory).Select(Path.GetFileName)); // no temporary left behind
        Assert.Contains("\"schema\":\"vypr.run/1\"", File.ReadAllText(path));
    }

    [Fact]
    public void Reading_a_file_of_another_schema_says_which()
    {
        Directory.CreateDirectory(_directory);
        string path = Path.Combine(_directory, "other.json");
        File.WriteAllText(path, """{"schema":"vypr.run/99","run":null,"specifications":[],"callSites":[],"tests":[],"verdicts":[]}""");

        var error = Assert.Throws<InvalidDataException>(() => ResultsFile.Read(path));

        Assert.Contains("vypr.run/99", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Reading_a_file_that_is_not_json_names_the_file()
    {
        Directory.CreateDirectory(_directory);
        string path = Path.Combine(_directory, "broken.json");
        File.WriteAllText(path, "{ not json");

        var error = Assert.Throws<InvalidDataException>(() => ResultsFile.Read(path));

        Assert.StartsWith(path, error.Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
