using System;
using System.Collections.Generic;
using Vypr.Runtime.Runs;
using Xunit;

namespace Vypr.Runtime.Tests.Runs;

/// <summary><c>VYPR_TEST_OUTPUT</c>: the two names in any case around white space, nothing for the default, any other text refused by name.</summary>
public sealed class TestOutputSettingTests
{
    public static TheoryData<string?, TestOutputDetail> Accepted()
    {
        var data = new TheoryData<string?, TestOutputDetail> { { null, TestOutputDetail.Summary }, { string.Empty, TestOutputDetail.Summary }, { " \t\r\n", TestOutputDetail.Summary } };
        var random = new Random(15);
        foreach ((string name, TestOutputDetail value) in new[] { ("summary", TestOutputDetail.Summary), ("detailed", TestOutputDetail.Detailed) })
        {
            for (int i = 0; i < 8; i++)
            {
                char[] chars = name.ToCharArray();
                for (int c = 0; c < chars.Length; c++)
                {
                    chars[c] = random.Next(2) == 0 ? char.ToUpperInvariant(chars[c]) : chars[c];
                }

                data.Add(new string(' ', random.Next(3)) + new string(chars) + new string('\t', random.Next(3)), value);
            }
        }

        return data;
    }

    public static TheoryData<string> Refused() =>
        ["summarys", "detail", "detailed\0", "\0", "\uD800", "summary\uDC00", "Summary Detailed", "1", "true", "ок", new string('d', 10_000)];

    [Theory]
    [MemberData(nameof(Accepted))]
    public void The_two_names_are_read_in_any_case(string? configured, TestOutputDetail expected) =>
        Assert.Equal(expected, TestOutputSetting.Parse(configured));

    [Theory]
    [MemberData(nameof(Refused))]
    public void Any_other_text_is_refused_naming_the_variable(string configured)
    {
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => TestOutputSetting.Parse(configured));
        Assert.Contains(TestOutputSetting.EnvironmentVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains("'summary' or 'detailed'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_process_setting_is_the_environment_variable_parsed() =>
        Assert.Equal(TestOutputSetting.Parse(Environment.GetEnvironmentVariable(TestOutputSetting.EnvironmentVariable)), TestOutputSetting.Current);
}
