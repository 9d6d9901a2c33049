using System;
using System.IO;
using System.Linq;
using Vypr.Contracts;
using Vypr.Runtime.Tests.WholePath;
using Xunit;

namespace Vypr.Runtime.Tests.Results;

/// <summary>
/// Issue 8, defect 2 and the lead's decisions 1 and 2: non-finite numbers are legal values written as "NaN",
/// "Infinity", "-Infinity"; only those strings stand for a number; texts never hold NUL or unpaired surrogates.
/// </summary>
public sealed class NonFiniteAndTextTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vypr-nonfinite-test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void An_infinite_or_NaN_observation_is_written_to_the_results_file_and_read_back_exactly()
    {
        string name = "non-finite " + Guid.NewGuid().ToString("N");
        using (TestScope scope = TestScope.Begin(name))
        {
            var values = new CapturedValues();
            values.Divide(5); // 5 / 0 = +Infinity
            values.Divide(-5); // -Infinity
            values.Divide(0); // 0 / 0 = NaN
        }

        RunDocument written = RuntimeMonitor.Snapshot("Vypr.Runtime.Tests");
        string path = ResultsFile.Write(written, _directory); // threw ArgumentException before: the run's results were lost
        RunDocument read = ResultsFile.Read(path);

        int testId = read.Tests.Single(t => t.Name == name).Id;
        double[] observed = read.Verdicts.Where(v => v.TestId == testId).Select(v => v.Observations[0].Value).ToArray();
        Assert.Equal([double.PositiveInfinity, double.NegativeInfinity, double.NaN], observed);
        Assert.Equal(
            written.Verdicts.Where(v => v.TestId == testId).Select(v => v.Severity),
            read.Verdicts.Where(v => v.TestId == testId).Select(v => v.Severity));
        string json = File.ReadAllText(path);
        Assert.Contains("\"value\":\"Infinity\"", json);
        Assert.Contains("\"value\":\"-Infinity\"", json);
        Assert.Contains("\"value\":\"NaN\"", json);
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [Theory]
    [InlineData(double.NaN, "\"NaN\"")]
    [InlineData(double.PositiveInfinity, "\"Infinity\"")]
    [InlineData(double.NegativeInfinity, "\"-Infinity\"")]
    [InlineData(-0.0, "-0")]
    [InlineData(double.MaxValue, "1.7976931348623157E+308")]
    [InlineData(double.Epsilon, "5E-324")]
    public void Every_double_is_written_as_documented_and_read_back_bit_for_bit(double value, string literal)
    {
        string path = ResultsFile.Write(SampleDocuments.WithVerdict(value, value), _directory);

        Assert.Contains("\"severity\":" + literal, File.ReadAllText(path));
        VerdictInfo read = ResultsFile.Read(path).Verdicts.Single();
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(read.Severity));
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(read.Observations[0].Value));
    }

    [Theory]
    [InlineData("\"5\"")]
    [InlineData("\"nan\"")]
    [InlineData("\"+Infinity\"")]
    [InlineData("\"Infinity \"")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("true")]
    public void Reading_refuses_any_other_number_as_a_string_and_numbers_out_of_range_naming_where(string literal)
    {
        string path = ResultsFile.Write(SampleDocuments.WithVerdict(-12.5, 1), _directory);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"severity\":-12.5", "\"severity\":" + literal, StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => ResultsFile.Read(path));

        Assert.Contains("$.verdicts[0].severity", error.Message);
        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public void Texts_are_written_with_NUL_and_unpaired_surrogates_replaced_and_pairs_kept()
    {
        const string text = "a\0b\ud800c\udc00d\U0001F600e\ud83d";
        string path = ResultsFile.Write(SampleDocuments.WithVerdict(1, 1, text), _directory);

        RunDocument read = ResultsFile.Read(path);

        const string expected = "a\uFFFDb\uFFFDc\uFFFDd\U0001F600e\uFFFD";
        Assert.Equal("S.Tests." + expected, read.Tests.Single().Name);
        Assert.Equal("< 1 " + expected, read.Verdicts.Single().Observations[0].Condition);
        Assert.Equal("M:S.M " + expected, read.Specifications.Single().Key);
        Assert.DoesNotContain("\\u0000", File.ReadAllText(path));
    }

    [Theory]
    [InlineData("\\u0000")]
    [InlineData("\\ud800")]
    [InlineData("\\udc00x")]
    public void Reading_refuses_a_text_holding_NUL_or_an_unpaired_surrogate_naming_where(string escaped)
    {
        string path = ResultsFile.Write(SampleDocuments.WithVerdict(1, 1, "marker"), _directory);
        File.WriteAllText(path, File.ReadAllText(path).Replace("S.Tests.marker", "S.Tests." + escaped, StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => ResultsFile.Read(path));

        Assert.Contains("$.tests[0].name", error.Message);
    }

    [Fact]
    public void A_captured_text_and_a_test_name_are_cleaned_where_the_runtime_captures_them()
    {
        string name = "texts \0 " + Guid.NewGuid().ToString("N");
        VerdictInfo verdict;
        using (TestScope scope = TestScope.Begin(name))
        {
            new CapturedValues().Text("a\0b\udc00");
            verdict = scope.CollectVerdicts().Single();
        }

        Assert.Contains("(observed \"a\uFFFDb\uFFFD\")", verdict.Observations[0].Condition);
        Assert.Contains(RuntimeMonitor.Snapshot("Vypr.Runtime.Tests").Tests, t => t.Name == name.Replace('\0', '\uFFFD'));
    }

    [Fact]
    public void Clean_returns_the_same_instance_when_there_is_nothing_to_replace()
    {
        string clean = "plain \U0001F600 text";
        Assert.Same(clean, ResultsText.Clean(clean));
        Assert.Null(ResultsText.Clean(null));
        Assert.Equal("\uFFFD\uFFFD", ResultsText.Clean("\udc00\ud800"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
