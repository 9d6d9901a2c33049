using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Vypr.Contracts;
using Xunit;

namespace Vypr.Runtime.Tests.Results;

/// <summary>
/// The results file of a test run is written by <see cref="ResultsJsonWriter"/>, not by the serializer: it must
/// write exactly what System.Text.Json writes with <see cref="VyprJsonContext"/> (compact), for every property of
/// every record and for the texts and numbers the format has rules for.
/// </summary>
public sealed class ResultsJsonWriterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vypr-writer-test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void The_full_document_is_written_byte_for_byte_as_the_context_writes_it()
    {
        RunDocument document = Full("text <\"&'> \u00e9 \U0001F600");

        AssertEveryPropertyIsSet(document);
        Assert.Equal(Serialized(document), Written(document));
    }

    [Fact]
    public void Optional_values_left_out_are_left_out_as_the_context_leaves_them_out()
    {
        RunDocument full = Full("x");
        RunDocument document = full with
        {
            Run = full.Run with { Commit = null, Branch = null, Dirty = null, CiProvider = null, CiJobUrl = null },
            Tests = [full.Tests[0] with { EndedAt = null, Outcome = null, Measurements = null }],
            Specifications = [],
            Verdicts = [full.Verdicts[0] with { Observations = [] }],
            Summaries = [],
        };

        Assert.Equal(Serialized(document), Written(document));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(-0.0)]
    [InlineData(double.MaxValue)]
    [InlineData(double.MinValue)]
    [InlineData(double.Epsilon)]
    [InlineData(0.1)]
    [InlineData(1.0)]
    [InlineData(-5.0)]
    [InlineData(375280.0)]
    [InlineData(-499624720.0)]
    [InlineData(999_999_999_999_999.0)]
    [InlineData(-999_999_999_999_999.0)]
    [InlineData(1e15)]
    [InlineData(-1e15)]
    [InlineData(1e16)]
    [InlineData(123456789012345.5)]
    [InlineData(9007199254740993.0)]
    public void Every_kind_of_double_is_written_as_the_context_writes_it(double value)
    {
        RunDocument full = Full("x");
        RunDocument document = full with
        {
            Verdicts = [full.Verdicts[0] with { Severity = value, Observations = [full.Verdicts[0].Observations[0] with { Value = value }] }],
        };

        Assert.Equal(Serialized(document), Written(document));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0")]
    [InlineData("a\0b")]
    [InlineData("\ud800")]
    [InlineData("x\udc00y")]
    [InlineData("\udc00\ud800")]
    [InlineData("\ud83d\ude00")]
    [InlineData("\u2028\u2029\u007f\t\r\n\\")]
    public void Texts_with_NUL_surrogates_and_escapes_are_cleaned_and_escaped_as_the_context_does(string text)
    {
        RunDocument document = Full(text);

        Assert.Equal(Serialized(document), Written(document));
    }

    [Fact]
    public void Whole_numbers_of_every_magnitude_are_written_as_the_context_writes_them()
    {
        // Whole numbers below 10^15 in magnitude are written as longs: around each power of ten, and at random.
        var random = new Random(20261131);
        VerdictInfo template = Full("x").Verdicts[0];
        var values = new System.Collections.Generic.List<double>();
        for (double power = 1; power <= 1e17; power *= 10)
        {
            values.AddRange([power - 1, power, power + 1, -power, 1 - power, -power - 1, power - 0.5, Math.BitDecrement(power), Math.BitIncrement(power)]);
        }

        for (int i = 0; i < 2_000; i++)
        {
            values.Add(Math.Round((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(0, 18))));
        }

        RunDocument document = Full("x") with
        {
            Verdicts = values.Select((value, i) => template with { Sequence = i, Severity = value, Observations = [template.Observations[0] with { Value = -value }] }).ToArray(),
        };

        Assert.Equal(Serialized(document), Written(document));
    }

    [Fact]
    public void Random_documents_with_random_texts_and_numbers_are_written_as_the_context_writes_them()
    {
        var random = new Random(20261129);
        for (int i = 0; i < 200; i++)
        {
            RunDocument document = Random(random);
            Assert.Equal(Serialized(document), Written(document));
        }
    }

    [Fact]
    public void Observation_texts_that_repeat_and_collide_are_written_as_the_context_writes_each_of_them()
    {
        // The writer encodes each distinct observation text once per file (a table of 256 entries): texts that repeat,
        // equal texts in different instances, more distinct texts than entries, texts to clean or escape and texts
        // too long to keep must all come out as the serializer writes them.
        var random = new Random(20261130);
        string[] pool = Enumerable.Range(0, 700).Select(i => (i % 7) switch
        {
            0 => "<= " + i + "ms",
            1 => "t.Duration() \"" + i + "\" <&> \u2028",
            2 => "bad \0 and \ud800 " + i,
            3 => new string('l', 500 + i),
            4 => "\U0001F600 " + i,
            5 => string.Empty,
            _ => "ns",
        }).ToArray();
        string Pick() => random.Next(3) == 0 ? new string(pool[random.Next(pool.Length)].AsSpan()) : pool[random.Next(pool.Length)];

        VerdictInfo template = Full("x").Verdicts[0];
        RunDocument document = Full("x") with
        {
            Verdicts = Enumerable.Range(1, 4_000).Select(i => template with
            {
                Sequence = i,
                Observations = Enumerable.Range(0, random.Next(1, 4)).Select(_ => new ObservationInfo(Pick(), random.NextDouble(), Pick(), Pick(), random.Next(2) == 0, i)).ToArray(),
            }).ToArray(),
        };

        Assert.Equal(Serialized(document), Written(document));
    }

    [Fact]
    public void A_document_larger_than_the_writers_chunk_is_written_whole_through_the_results_file()
    {
        RunDocument full = Full("x");
        VerdictInfo verdict = full.Verdicts[0];
        RunDocument document = full with { Verdicts = Enumerable.Range(1, 5_000).Select(i => verdict with { Sequence = i }).ToArray() };

        string path = ResultsFile.Write(document, _directory);

        Assert.Equal(Serialized(document), File.ReadAllText(path));
        Assert.Equal(5_000, ResultsFile.Read(path).Verdicts.Count);
    }

    [Fact]
    public void A_document_with_a_load_tests_section_is_written_by_the_context_compactly()
    {
        RunDocument document = Full("x") with
        {
            Load = new LoadRunInfo("plan", 1.5, 2, false, double.NaN, []),
        };

        string path = ResultsFile.Write(document, _directory);

        Assert.Equal(Serialized(document), File.ReadAllText(path));
        Assert.Equal("plan", ResultsFile.Read(path).Load!.Plan);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static string Serialized(RunDocument document)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            JsonSerializer.Serialize(writer, document, VyprJsonContext.Default.RunDocument);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Written(RunDocument document)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            Assert.True(ResultsJsonWriter.Handles(document));
            ResultsJsonWriter.Write(writer, document);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static RunDocument Full(string text)
    {
        var at = new DateTimeOffset(2026, 11, 29, 4, 5, 6, 789, TimeSpan.FromHours(2)).AddTicks(1234);
        var run = new RunInfo(Guid.Parse("7397ecab-7772-4a83-9ecf-228d997003e7"), "A " + text, at, at.AddSeconds(1), "m " + text, "r " + text, "c " + text, "b " + text)
        {
            Dirty = true,
            CiProvider = "p " + text,
            CiJobUrl = "u " + text,
        };
        var specification = new SpecificationInfo(3, "k " + text, "m " + text, "t " + text, 500_000_000);
        var site = new CallSiteInfo(4, 3, "f " + text, 10, 11, "c " + text, "a " + text);
        var test = new TestInfo(5, "n " + text, at, at.AddMilliseconds(3), "o " + text)
        {
            Measurements = new TestMeasurements(1, 2, 3, 4, 5, 6, 7, true),
        };
        var verdict = new VerdictInfo(6, 3, 4, 5, 7, at, 123, true, -12.5, true, [new ObservationInfo("t " + text, 1.5, "u " + text, "c " + text, true, 4)]);
        var summary = new CallSiteSummary(5, 4, 8, 9, 10, 11, 12, 13);
        return new RunDocument(RunDocument.CurrentSchema, run, [specification], [site], [test], [verdict]) { Summaries = [summary] };
    }

    private static RunDocument Random(Random random)
    {
        string Text() => random.Next(8) == 0 ? new string('w', random.Next(10_000)) : new string(Enumerable.Range(0, random.Next(12)).Select(_ => random.Next(6) switch
        {
            0 => '\0',
            1 => (char)random.Next(0xD800, 0xE000),
            2 => (char)random.Next(0x20),
            _ => (char)random.Next(0x20, 0x3000),
        }).ToArray());
        double Number() => random.Next(6) switch
        {
            0 => double.NaN,
            1 => double.PositiveInfinity,
            2 => double.NegativeInfinity,
            3 => BitConverter.Int64BitsToDouble(random.NextInt64()) is var bits && double.IsFinite(bits) ? bits : 0,
            _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-300, 300)),
        };
        string? Maybe() => random.Next(3) == 0 ? null : Text();
        DateTimeOffset At() => new DateTimeOffset(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay), TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(random.Next(-600, 600)));

        RunDocument full = Full(Text());
        return full with
        {
            Run = full.Run with { Commit = Maybe(), Branch = Maybe(), CiProvider = Maybe(), CiJobUrl = Maybe(), Dirty = random.Next(3) switch { 0 => null, 1 => true, _ => false }, StartedAt = At() },
            Tests = Enumerable.Range(0, random.Next(4)).Select(i => new TestInfo(random.Next(), Text(), At(), random.Next(2) == 0 ? null : At(), Maybe())
            {
                Measurements = random.Next(2) == 0 ? null : new TestMeasurements(random.NextInt64(), random.NextInt64(), random.NextInt64(), random.Next(), random.Next(), random.Next(), random.NextInt64(), random.Next(2) == 0),
            }).ToArray(),
            Verdicts = Enumerable.Range(0, random.Next(4)).Select(i => new VerdictInfo(
                random.NextInt64(), random.Next(), random.Next(), random.Next(), random.Next(), At(), random.NextInt64(), random.Next(2) == 0, Number(), random.Next(2) == 0,
                Enumerable.Range(0, random.Next(3)).Select(j => new ObservationInfo(Text(), Number(), Text(), Text(), random.Next(2) == 0, random.Next())).ToArray())).ToArray(),
        };
    }

    // A property added to the format and not set in Full would not be compared: fail here instead, so that the
    // writer is extended with it.
    private static void AssertEveryPropertyIsSet(object value, string path = "$")
    {
        foreach (PropertyInfo property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is not null || property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract")
            {
                continue;
            }

            object? member = property.GetValue(value);
            string at = path + "." + property.Name;
            if (property.Name == nameof(RunDocument.Load))
            {
                continue; // a load test's document is written by the context (A_document_with_a_load_tests_section...)
            }

            Assert.True(member is not null, $"{at} is not set in the sample document");
            if (member is string or ValueType)
            {
                continue;
            }

            if (member is IEnumerable items)
            {
                object[] all = items.Cast<object>().ToArray();
                Assert.True(all.Length > 0, $"{at} is empty in the sample document");
                foreach (object item in all)
                {
                    AssertEveryPropertyIsSet(item, at + "[]");
                }
            }
            else
            {
                AssertEveryPropertyIsSet(member, at);
            }
        }
    }
}
