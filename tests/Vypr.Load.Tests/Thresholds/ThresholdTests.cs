using System;
using System.Collections.Generic;
using Vypr.Contracts;
using Vypr.Load.Reporting;
using Vypr.Load.Statistics;
using Vypr.Load.Thresholds;
using Xunit;

namespace Vypr.Load.Tests.Thresholds;

public sealed class ThresholdTests
{
    [Theory]
    [InlineData("p99 < 200ms", "latency", "p99", ThresholdOperator.Less, 200.0, false)]
    [InlineData("p99.9<=1s", "latency", "p99.9", ThresholdOperator.LessOrEqual, 1000.0, false)]
    [InlineData("p95(service) < 500us", "service", "p95", ThresholdOperator.Less, 0.5, false)]
    [InlineData("mean(bytes) >= 1000", "bytes", "mean", ThresholdOperator.GreaterOrEqual, 1000.0, false)]
    [InlineData("errors < 1%", "errors", "errors", ThresholdOperator.Less, 1.0, true)]
    [InlineData("errors <= 0", "errors", "errors", ThresholdOperator.LessOrEqual, 0.0, false)]
    [InlineData("accuracy >= 99%", "accuracy", "accuracy", ThresholdOperator.GreaterOrEqual, 99.0, true)]
    [InlineData("rate > 900", "rate", "rate", ThresholdOperator.Greater, 900.0, false)]
    [InlineData("p99(scheduling_error) < 2ms", "scheduling_error", "p99", ThresholdOperator.Less, 2.0, false)]
    public void Thresholds_are_parsed_like_k6s(string text, string subject, string statistic, ThresholdOperator op, double limit, bool percent)
    {
        Threshold threshold = Threshold.Parse(text);

        Assert.Equal(subject, threshold.Subject);
        Assert.Equal(statistic, threshold.Statistic);
        Assert.Equal(op, threshold.Operator);
        Assert.Equal(limit, threshold.Limit, 9);
        Assert.Equal(percent, threshold.IsPercent);
    }

    [Theory]
    [InlineData("", "is not a threshold")]
    [InlineData("p99", "is not a threshold")]
    [InlineData("< 200ms", "is not a threshold")]
    [InlineData("p98 < 200ms", "Unknown statistic 'p98'")]
    [InlineData("p99 < 200", "is a time")]
    [InlineData("p99 < fast", "is a time")]
    [InlineData("errors < lots", "is not a finite number")]
    [InlineData("errors < NaN", "is not a finite number")]
    [InlineData("errors < Infinity", "is not a finite number")]
    [InlineData("accuracy >= 0.99", "percentage")]
    [InlineData("median(bytes) < 3", "Unknown statistic 'median'")]
    [InlineData("p99() < 3", "statistic(metric)")]
    public void A_malformed_threshold_says_what_was_expected(string text, string message)
    {
        FormatException error = Assert.Throws<FormatException>(() => Threshold.Parse(text));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Thresholds_pass_and_fail_on_the_results_and_report_the_value_found()
    {
        LoadTestResult result = Result(p99: 250, succeeded: 98, failed: 2);

        Assert.False(Threshold.Parse("p99 < 200ms").Evaluate(result).Passed);
        Assert.Equal("250ms", Threshold.Parse("p99 < 200ms").Evaluate(result).ActualText);
        Assert.True(Threshold.Parse("p99 < 300ms").Evaluate(result).Passed);
        Assert.False(Threshold.Parse("errors < 1%").Evaluate(result).Passed);
        Assert.Equal("2%", Threshold.Parse("errors < 1%").Evaluate(result).ActualText);
        Assert.True(Threshold.Parse("errors < 3%").Evaluate(result).Passed);
        Assert.True(Threshold.Parse("errors <= 2").Evaluate(result).Passed);
        Assert.True(Threshold.Parse("accuracy >= 99%").Evaluate(result).Passed);
        Assert.True(Threshold.Parse("p50(bytes) >= 1000").Evaluate(result).Passed);
    }

    [Fact]
    public void A_statistic_never_measured_fails_its_threshold_rather_than_passing_silently()
    {
        LoadTestResult result = Result(p99: double.NaN, succeeded: 0, failed: 0);

        ThresholdOutcome latency = Threshold.Parse("p99 < 200ms").Evaluate(result);
        ThresholdOutcome missing = Threshold.Parse("p99(nonexistent) < 5").Evaluate(result);

        Assert.False(latency.Passed);
        Assert.Equal("not measured", latency.ActualText);
        Assert.False(missing.Passed);
    }

    internal static LoadTestResult Result(double p99, long succeeded, long failed)
    {
        LoadDistribution latency = new("ms", succeeded + failed, 1, 10, 10, 20, 30, 40, p99, p99, p99, 0);
        return new LoadTestResult
        {
            Name = "test",
            Type = "Test",
            Model = "open",
            TargetRate = 100,
            Intended = succeeded + failed,
            Fired = succeeded + failed,
            Started = succeeded + failed,
            Succeeded = succeeded,
            Failed = failed,
            AchievedRate = 100,
            Accuracy = 1,
            Latency = latency,
            Service = latency,
            StartDelay = latency,
            Errors = [],
            Metrics = new Dictionary<string, LoadDistribution> { ["bytes"] = new("", 1, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 0) },
        };
    }
}
