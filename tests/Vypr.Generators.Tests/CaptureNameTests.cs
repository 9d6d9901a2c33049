using System;
using System.Linq;
using Vypr.Formulas;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>
/// Capture names are the protocol between generated registrations, a library's scope contract and the monitor: every
/// name reads back as itself, and nothing else reads as a name.
/// </summary>
public sealed class CaptureNameTests
{
    [Fact]
    public void Every_capture_name_reads_back_as_itself()
    {
        var random = new Random(20261129);
        for (int round = 0; round < 2_000; round++)
        {
            var source = (CaptureSource)random.Next(3);
            string? parameter = source == CaptureSource.Argument ? Identifier(random) : null;
            var name = new CaptureName(source, parameter, random.Next(2) == 0);

            string text = name.ToString();

            Assert.Equal(name, CaptureName.Parse(text));
            Assert.DoesNotContain(text, c => c is ',' or ';' or '=');
        }
    }

    [Theory]
    [InlineData("arg:n", 0, "n", false)]
    [InlineData("arg:data#length", 0, "data", true)]
    [InlineData("result", 1, null, false)]
    [InlineData("result#length", 1, null, true)]
    [InlineData("value", 2, null, false)]
    [InlineData("value#length", 2, null, true)]
    public void The_text_form_is_the_one_the_formula_model_reads(string text, int source, string? parameter, bool length) =>
        Assert.Equal(new CaptureName((CaptureSource)source, parameter, length), CaptureName.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("arg:")]
    [InlineData("arg:#length")]
    [InlineData("arg:a,b")]
    [InlineData("arg:a=b")]
    [InlineData("arg:a;b")]
    [InlineData("arg:a#length#length")]
    [InlineData("value#length#length")]
    [InlineData("#length")]
    [InlineData("Result")]
    [InlineData("values")]
    [InlineData("arg")]
    [InlineData("value\0")]
    public void Anything_else_is_refused_with_what_was_expected(string text)
    {
        Assert.False(CaptureName.TryParse(text, out _));
        FormatException error = Assert.Throws<FormatException>(() => CaptureName.Parse(text));
        Assert.Contains("arg:NAME, result or value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_variables_value_is_read_from_the_argument_or_the_result_keeping_its_length()
    {
        CaptureName length = CaptureName.Value.OfLength();

        Assert.Equal("arg:file#length", length.ReadFrom(CaptureSource.Argument, "file").ToString());
        Assert.Equal("result#length", length.ReadFrom(CaptureSource.Result, "ignored").ToString());
        Assert.Equal("result", CaptureName.Value.ReadFrom(CaptureSource.Result).ToString());
    }

    [Fact]
    public void Sorting_names_sorts_their_texts_ordinally()
    {
        string[] texts = ["value#length", "arg:b", "result", "arg:a#length", "arg:a", "value", "result#length", "arg:B"];

        Assert.Equal(texts.Order(StringComparer.Ordinal), texts.Select(CaptureName.Parse).Order().Select(n => n.ToString()));
    }

    private static string Identifier(Random random)
    {
        const string first = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_éλ";
        const string rest = first + "0123456789";
        int length = random.Next(1, 12);
        return new string(Enumerable.Range(0, length).Select(i => (i == 0 ? first : rest)[random.Next(i == 0 ? first.Length : rest.Length)]).ToArray());
    }
}
