using System;
using System.Linq;
using System.Text;
using Vypr.Contracts;
using Vypr.Runtime.Tests.WholePath;
using Xunit;

namespace Vypr.Runtime.Tests.Results;

/// <summary>
/// Every text the runtime writes fits the results format's limits, which the verdict server enforces with the same
/// numbers (TextLimits): before, a captured text or a long test name reached the server whole and its batch was
/// refused, failing the run.
/// </summary>
public sealed class TextLimitsTests
{
    [Fact]
    public void Shortened_texts_fit_keep_their_beginning_never_split_a_pair_and_say_they_were_cut()
    {
        var generator = new CapturedValueGenerator(20261128);
        var random = new Random(20261128);
        for (int i = 0; i < 2_000; i++)
        {
            string text = ResultsText.Clean(generator.NextText() ?? string.Empty)!;
            int maxLength = random.Next(2, 300);
            int maxBytes = random.Next(4, 900);
            string where = $"case {i}: {text.Length} characters, limits {maxLength} characters / {maxBytes} bytes";

            string clipped = TextLimits.Clip(text, maxLength, maxBytes);

            Assert.True(clipped.Length <= maxLength, where);
            Assert.True(Encoding.UTF8.GetByteCount(clipped) <= maxBytes, where);
            Assert.True(ResultsText.IsValid(clipped), where + ": a pair was split");
            if (text.Length <= maxLength && Encoding.UTF8.GetByteCount(text) <= maxBytes)
            {
                Assert.Same(text, clipped);
            }
            else
            {
                Assert.EndsWith(TextLimits.Ellipsis.ToString(), clipped, StringComparison.Ordinal);
                Assert.StartsWith(clipped[..^1], text, StringComparison.Ordinal);
                Assert.Equal(clipped, TextLimits.Clip(clipped, maxLength, maxBytes));
            }
        }
    }

    [Fact]
    public void A_text_cut_at_a_surrogate_pair_keeps_the_pair_whole_or_drops_it()
    {
        string text = "ab" + char.ConvertFromUtf32(0x1F600) + "cd";

        Assert.Equal("ab" + TextLimits.Ellipsis, TextLimits.Clip(text, 4));
        Assert.Equal("ab" + char.ConvertFromUtf32(0x1F600) + TextLimits.Ellipsis, TextLimits.Clip(text, 5));
        Assert.Equal("ab" + TextLimits.Ellipsis, TextLimits.Clip(text, 10, 7));
    }

    [Fact]
    public void A_test_name_beyond_the_limit_is_recorded_shortened()
    {
        string name = "Theory(data: \"" + new string('x', 10_000) + "\0\")";

        using TestScope scope = TestScope.Begin(name);

        Assert.Equal(TextLimits.Name, scope.Name.Length);
        Assert.EndsWith(TextLimits.Ellipsis.ToString(), scope.Name, StringComparison.Ordinal);
        TestInfo recorded = RuntimeMonitor.Snapshot("Vypr.Runtime.Tests").Tests.Single(t => t.Id == scope.Id);
        Assert.Equal(scope.Name, recorded.Name);
    }
}
