using System;
using System.Linq;
using Vypr.Load.Configuration;
using Vypr.Load.Scheduling;
using Xunit;

namespace Vypr.Load.Tests.Configuration;

public sealed class LoadPlanReaderTests
{
    private static LoadPlan Read(string yaml) => LoadPlanReader.Read(yaml, "plan.yml", "/plans");

    [Fact]
    public void A_plan_reads_with_rates_ramps_closed_entries_arguments_and_thresholds()
    {
        LoadPlan plan = Read("""
            assembly: bin/Tests.dll
            duration: 1m30s
            spin: 50us
            tests:
              - type: Shop.LoadTests.Browse
                rate: 250
                max_in_flight: 64
                late_after: 5ms
                arguments:
                  url: http://localhost:5000/
                  retries: 3
                  label: ~
                thresholds:
                  - p99 < 200ms
                  - errors < 1%
              - name: checkout-ramp
                type: Shop.LoadTests.Checkout
                assembly: /abs/Other.dll
                stages:
                  - { duration: 10s, rate: 100 }
                  - { duration: 20s, rate: 100 }
              - type: Shop.LoadTests.Search
                concurrency: 8
            """);

        Assert.Equal(TimeSpan.FromSeconds(90), plan.Duration);
        Assert.Equal(TimeSpan.FromMicroseconds(50), plan.SpinWindow);
        Assert.Equal(3, plan.Tests.Count);
        LoadTestPlan browse = plan.Tests[0];
        Assert.Equal("Browse", browse.Name);
        Assert.Equal("/plans/bin/Tests.dll", browse.AssemblyPath);
        Assert.Equal(250, browse.Profile!.CountBefore(1));
        Assert.Equal(64, browse.MaxInFlight);
        Assert.Equal(TimeSpan.FromMilliseconds(5), browse.LateAfter);
        Assert.Equal(["url", "retries", "label"], browse.Arguments.Select(a => a.Name));
        Assert.Equal("http://localhost:5000/", browse.Arguments[0].Value);
        Assert.Null(browse.Arguments[2].Value);
        Assert.Equal(new SourcePosition(10, 12), browse.Arguments[0].Position);
        Assert.Equal(["p99 < 200ms", "errors < 1%"], browse.Thresholds.Select(t => t.Expression));
        LoadTestPlan checkout = plan.Tests[1];
        Assert.Equal("checkout-ramp", checkout.Name);
        Assert.Equal("/abs/Other.dll", checkout.AssemblyPath);
        Assert.Equal(500 + 2_000, checkout.Profile!.CountBefore(30));
        Assert.Null(plan.Tests[2].Profile);
        Assert.Equal(8, plan.Tests[2].Concurrency);
    }

    [Theory]
    [InlineData("assembly: a.dll\ntests:\n  - type: A\n    rate: [1\n", 5, 1, "not valid YAML")]
    [InlineData("assembly: a.dll\ntests:\n  - type: \"A\n", 3, 11, "not valid YAML")]
    [InlineData("assembly: a.dll\ntests:\n  - type: A\n     rate: 5\n", 4, 10, "not valid YAML")]
    [InlineData("", 1, 1, "the plan is empty")]
    [InlineData("- a\n- b\n", 1, 1, "the plan must be a mapping")]
    [InlineData("duration: 5s\n", 1, 1, "the plan has no 'tests'")]
    [InlineData("tests: []\n", 1, 8, "'tests' must be a non-empty list")]
    [InlineData("assembly: a.dll\ndurration: 5s\ntests:\n  - type: A\n    rate: 1\n", 2, 1, "unknown key 'durration' in the plan: expected one of assembly, duration, spin, tests")]
    [InlineData("assembly: a.dll\nduration: soon\ntests:\n  - type: A\n    rate: 1\n", 2, 11, "'duration' is 'soon': expected a duration such as")]
    [InlineData("assembly: a.dll\ntests:\n  - rate: 1\n", 3, 5, "missing 'type'")]
    [InlineData("assembly: a.dll\ntests:\n  - type: A\n    rate: abc\n", 4, 11, "'rate' is 'abc': expected a number of fires per second")]
    [InlineData("assembly: a.dll\ntests:\n  - type: A\n    rate: -5\n", 4, 11, "'rate' is '-5'")]
    [InlineData("assembly: a.dll\ntests:\n  - type: A\n    rate: .nan\n", 4, 11, "'rate' is '.nan'")]
    [InlineData("assembly: a.dll\ntests:\n  - type: A\n    rate: 1e400\n", 4, 11, "'rate' is '1e400'")]
    [InlineData("assembly: a.dll\ntests:\n  - type: A\n", 3, 5, "says neither 'rate'")]
    [InlineData("assembly: a.dll\ntests:\n  - type: A\n    rate: 5\n    concurrency: 2\n", 5, 18, "cannot be combined")]
    [InlineData("assembly: a.dll\ntests:\n  - type: A\n    concurrency: 0\n", 4, 18, "expected a whole number from 1")]
    [InlineData("assembly: a.dll\ntests:\n  - type: A\n    rate: 5\n    retries: 2\n", 5, 5, "unknown key 'retries' in a test entry")]
    [InlineData("assembly: a.dll\ntests:\n  - type: A\n    stages:\n      - { duration: 5s }\n", 5, 9, "a stage needs 'rate'")]
    [InlineData("assembly: a.dll\ntests:\n  - type: A\n    stages:\n      - { duration: 0s, rate: 5 }\n", 5, 21, "must be longer than zero")]
    [InlineData("assembly: a.dll\ntests:\n  - type: A\n    rate: 5\n    thresholds:\n      - p99 < fast\n", 6, 9, "is a time")]
    [InlineData("assembly: a.dll\ntests:\n  - type: A\n    rate: 5\n    thresholds: p99 < 1s\n", 5, 17, "'thresholds' must be a list")]
    [InlineData("assembly: a.dll\ntests:\n  - type: A\n    rate: 5\n    arguments:\n      url: [a, b]\n", 6, 12, "argument 'url' must be a single value")]
    [InlineData("assembly: a.dll\ntests:\n  - type: A\n    rate: 5\n  - type: A\n    rate: 6\n", 5, 5, "two test entries are named 'A'")]
    public void Errors_say_where_by_line_and_column_and_what_was_expected(string yaml, int line, int column, string message)
    {
        LoadPlanException error = Assert.Throws<LoadPlanException>(() => Read(yaml));

        Assert.Contains(message, error.Problem, StringComparison.Ordinal);
        Assert.Equal(new SourcePosition(line, column), error.Position);
        Assert.StartsWith($"plan.yml({line},{column}): error: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\0")]
    [InlineData("\ud800")]
    [InlineData("tests:\n  - type: \"\\0\"\n    rate: 1\n")]
    public void Control_characters_and_unpaired_surrogates_give_a_plan_error_not_a_crash(string yaml)
    {
        Exception? error = Record.Exception(() => Read(yaml));

        Assert.True(error is null or LoadPlanException, $"unexpected {error?.GetType()}: {error?.Message}");
    }
}
