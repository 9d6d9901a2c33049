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

    [Fact]
    public void A_name_is_the_assemblys_results_file_exactly_when_it_has_the_shape_ResultsFile_gives_it()
    {
        // The shape was a regular expression; it is matched by hand now. Random names near the shape (and a few
        // characters away from it) are held to the expression, ASCII digits only, as ResultsFile writes them.
        var random = new Random(20261129);
        string[] assemblies = ["Tests", "Tests-Slow", "A.B", "x", "Te.s+ts", "Über", ""];
        const string Pieces = "0123456789abcdefABCDEFT-.jsonvypr\u0660\u00e9\0 \n";
        for (int i = 0; i < 20_000; i++)
        {
            string assembly = assemblies[random.Next(assemblies.Length)];
            var stamp = new System.Text.StringBuilder($"{random.Next(10_000_000, 99_999_999)}T{random.Next(100_000, 999_999)}-{random.Next():x8}");
            for (int edits = random.Next(3); edits > 0 && stamp.Length > 0; edits--)
            {
                int at = random.Next(stamp.Length);
                switch (random.Next(3))
                {
                    case 0: stamp[at] = Pieces[random.Next(Pieces.Length)]; break;
                    case 1: stamp.Remove(at, 1); break;
                    default: stamp.Insert(at, Pieces[random.Next(Pieces.Length)]); break;
                }
            }

            string name = random.Next(10) switch
            {
                0 => $"vypr-{assemblies[random.Next(assemblies.Length)]}-{stamp}.json",
                1 => $"vypr-{assembly}-{stamp}.json\n",
                2 => $"vypr-{assembly}-{stamp}.txt",
                _ => $"vypr-{assembly}-{stamp}.json",
            };
            bool expected = System.Text.RegularExpressions.Regex.IsMatch(
                name, "^vypr-" + System.Text.RegularExpressions.Regex.Escape(assembly) + @"-[0-9]{8}T[0-9]{6}-[0-9a-f]{8}\.json\z");

            Assert.True(expected == ResultsRetention.IsResultsFileOf(name, assembly), $"'{name}' of '{assembly}': expected {expected}");
        }
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
