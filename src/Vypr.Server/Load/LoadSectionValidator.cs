using System;
using System.Collections.Generic;
using Vypr.Contracts;
using Vypr.Server.Ingest;

namespace Vypr.Server.Load;

/// <summary>
/// Checks a run's load section (docs/results-format.md, "The load section") beyond what the JSON reader checks:
/// counts are not negative, texts have their lengths and characters, a model is <c>open</c> or <c>closed</c>, names
/// appear once. Doubles may be any double (a statistic never measured is NaN). The entries' tests are checked while
/// writing, against the run's tests.
/// </summary>
internal static class LoadSectionValidator
{
    public static void Validate(LoadRunInfo load, string at)
    {
        BatchValidator.Text(load.Plan, $"{at}.plan", TextLimits.Name);
        IReadOnlyList<LoadTestInfo> tests = BatchValidator.NotNull(load.Tests, $"{at}.tests");
        var testIds = new HashSet<int>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < tests.Count; i++)
        {
            string path = $"{at}.tests[{i}]";
            LoadTestInfo test = BatchValidator.NotNull(tests[i], path);
            BatchValidator.Require(test.TestId > 0, $"{path}.testId", "must be positive (the entry's test in tests[])");
            BatchValidator.Require(testIds.Add(test.TestId), $"{path}.testId", "appears twice in the load section");
            BatchValidator.Text(test.Name, $"{path}.name", TextLimits.Name);
            BatchValidator.Require(names.Add(test.Name), $"{path}.name", "appears twice in the load section");
            BatchValidator.Text(test.Type, $"{path}.type", TextLimits.Name);
            BatchValidator.Require(test.Model is "open" or "closed", $"{path}.model", "must be 'open' or 'closed'");
            BatchValidator.Require(test.Concurrency is null or > 0, $"{path}.concurrency", "must be positive when given");
            Count(test.Intended, $"{path}.intended");
            Count(test.Fired, $"{path}.fired");
            Count(test.Started, $"{path}.started");
            Count(test.Succeeded, $"{path}.succeeded");
            Count(test.Failed, $"{path}.failed");
            Count(test.Dropped, $"{path}.dropped");
            Count(test.Late, $"{path}.late");
            Count(test.MonitoredViolations, $"{path}.monitoredViolations");
            Distribution(test.Latency, $"{path}.latency");
            Distribution(test.Service, $"{path}.service");
            Distribution(test.StartDelay, $"{path}.startDelay");
            if (test.SchedulingError is { } schedulingError)
            {
                Distribution(schedulingError, $"{path}.schedulingError");
            }

            IReadOnlyList<LoadErrorCount> errors = BatchValidator.NotNull(test.Errors, $"{path}.errors");
            var types = new HashSet<string>(StringComparer.Ordinal);
            for (int j = 0; j < errors.Count; j++)
            {
                string errorPath = $"{path}.errors[{j}]";
                LoadErrorCount error = BatchValidator.NotNull(errors[j], errorPath);
                BatchValidator.Text(error.Type, $"{errorPath}.type", TextLimits.Name);
                BatchValidator.Require(types.Add(error.Type), $"{errorPath}.type", "appears twice for this test");
                Count(error.Count, $"{errorPath}.count");
                OptionalText(error.FirstMessage, $"{errorPath}.firstMessage", TextLimits.Long);
            }

            IReadOnlyList<LoadMetric> metrics = BatchValidator.NotNull(test.Metrics, $"{path}.metrics");
            var metricNames = new HashSet<string>(StringComparer.Ordinal);
            for (int j = 0; j < metrics.Count; j++)
            {
                string metricPath = $"{path}.metrics[{j}]";
                LoadMetric metric = BatchValidator.NotNull(metrics[j], metricPath);
                BatchValidator.Text(metric.Name, $"{metricPath}.name", TextLimits.Name);
                BatchValidator.Require(metricNames.Add(metric.Name), $"{metricPath}.name", "appears twice for this test");
                Distribution(metric.Statistics, $"{metricPath}.statistics");
            }

            IReadOnlyList<LoadThresholdInfo> thresholds = BatchValidator.NotNull(test.Thresholds, $"{path}.thresholds");
            for (int j = 0; j < thresholds.Count; j++)
            {
                string thresholdPath = $"{path}.thresholds[{j}]";
                LoadThresholdInfo threshold = BatchValidator.NotNull(thresholds[j], thresholdPath);
                BatchValidator.Text(threshold.Expression, $"{thresholdPath}.expression", TextLimits.Name);
                OptionalText(threshold.ActualText, $"{thresholdPath}.actualText", TextLimits.Short);
            }
        }
    }

    private static void Distribution(LoadDistribution? distribution, string path)
    {
        LoadDistribution value = BatchValidator.NotNull(distribution, path);
        OptionalText(value.Unit, $"{path}.unit", TextLimits.Short);
        Count(value.Count, $"{path}.count");
        Count(value.Invalid, $"{path}.invalid");
    }

    private static void Count(long value, string path) => BatchValidator.Require(value >= 0, path, "must not be negative");

    // Texts that may be empty: a metric without a unit, an exception without a message.
    private static void OptionalText(string? value, string path, int maxLength)
    {
        string text = BatchValidator.NotNull(value, path);
        BatchValidator.Require(text.Length <= maxLength, path, $"is longer than {maxLength} characters");
        BatchValidator.Characters(text, path);
    }
}
