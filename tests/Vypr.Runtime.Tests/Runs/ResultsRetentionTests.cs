using System;
using System.IO;
using System.Linq;
using Vypr.Runtime.Runs;
using Xunit;

namespace Vypr.Runtime.Tests.Runs;

/// <summary>Old results files are pruned per test assembly, newest kept, and nothing else in the directory is touched.</summary>
public sealed class ResultsRetentionTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vypr-retention-" + Guid.NewGuid().ToString("N"));

    public ResultsRetentionTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(null, ResultsRetention.DefaultKept)]
    [InlineData("", ResultsRetention.DefaultKept)]
    [InlineData("  ", ResultsRetention.DefaultKept)]
    [InlineData("1", 1)]
    [InlineData("35", 35)]
    [InlineData("ALL", int.MaxValue)]
    [InlineData(" all ", int.MaxValue)]
    public void A_setting_is_a_positive_count_or_all(string? value, int kept) => Assert.Equal(kept, ResultsRetention.Parse(value));

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("+3")]
    [InlineData("2.5")]
    [InlineData("1e3")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("99999999999999999999")]
    [InlineData("\0")]
    [InlineData("twenty")]
    public void Anything_else_is_refused_with_the_variable_named(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ResultsRetention.Parse(value));
        Assert.Contains(ResultsRetention.EnvironmentVariable, error.Message);
    }

    [Fact]
    public void The_newest_files_of_the_assembly_are_kept_with_their_tables()
    {
        DateTime now = DateTime.UtcNow;
        string[] runs = Enumerable.Range(0, 5).Select(i => Results("Tests", now.AddMinutes(i), i)).ToArray();

        Assert.Equal(3, ResultsRetention.Prune(_directory, "Tests", kept: 2));

        Assert.Equal(runs[3..].Order(), Directory.GetFiles(_directory, "*.json").Order());
        Assert.Equal(runs[3..].Select(r => Path.ChangeExtension(r, ".txt")).Order(), Directory.GetFiles(_directory, "*.txt").Order());
    }

    [Fact]
    public void Other_assemblies_and_other_files_are_never_touched()
    {
        DateTime old = DateTime.UtcNow.AddDays(-1);
        string prefixSharing = Results("Tests-Slow", old, 1);
        string other = Results("Other.Tests", old, 2);
        string unrelated = Path.Combine(_directory, "vypr-Tests-notes.json");
        File.WriteAllText(unrelated, "{}");
        File.SetLastWriteTimeUtc(unrelated, old);
        string newest = Results("Tests", DateTime.UtcNow, 3);

        Assert.Equal(0, ResultsRetention.Prune(_directory, "Tests", kept: 1));

        Assert.All(new[] { prefixSharing, other, unrelated, newest }, f => Assert.True(File.Exists(f), f));
    }

    [Fact]
    public void A_missing_directory_prunes_nothing_and_a_count_below_one_is_refused()
    {
        Assert.Equal(0, ResultsRetention.Prune(Path.Combine(_directory, "missing"), "Tests", kept: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResultsRetention.Prune(_directory, "Tests", kept: 0));
    }

    private string Results(string assembly, DateTime written, int run)
    {
        string path = Path.Combine(_directory, $"vypr-{assembly}-{written:yyyyMMdd'T'HHmmss}-{run:x8}.json");
        File.WriteAllText(path, "{}");
        File.WriteAllText(Path.ChangeExtension(path, ".txt"), "table");
        File.SetLastWriteTimeUtc(path, written);
        return path;
    }
}
