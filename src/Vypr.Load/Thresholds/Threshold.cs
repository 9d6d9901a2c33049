using System;
using System.Globalization;
using Vypr.Contracts;
using Vypr.Load.Configuration;
using Vypr.Load.Reporting;
using Vypr.Load.Statistics;

namespace Vypr.Load.Thresholds;

/// <summary>
/// A pass/fail criterion on a test entry's results, written like k6's: <c>p99 &lt; 200ms</c>, <c>errors &lt; 1%</c>,
/// <c>accuracy &gt;= 99%</c>, <c>p95(ttfb) &lt; 50</c> (a statistic of a custom metric). See docs/load.md for every form.
/// </summary>
public sealed class Threshold
{
    /// <summary>What a threshold looks like, for error messages.</summary>
    public const string Expected =
        "'<statistic> <op> <limit>' such as 'p99 < 200ms', 'p95(service) <= 50ms', 'mean(bytes) > 100', 'errors < 1%', "
        + "'dropped <= 0', 'late < 5%', 'rate >= 900', 'accuracy >= 99%' (statistics: min, mean, p50, p75, p90, p95, p99, p99.9, max, count; "
        + "operators: <, <=, >, >=)";

    private Threshold(string expression, string subject, string statistic, ThresholdOperator op, double limit, bool percent)
    {
        Expression = expression;
        Subject = subject;
        Statistic = statistic;
        Operator = op;
        Limit = limit;
        IsPercent = percent;
    }

    /// <summary>The threshold as written.</summary>
    public string Expression { get; }

    /// <summary>What is measured: <c>latency</c>, <c>service</c>, <c>start_delay</c>, <c>scheduling_error</c>, <c>errors</c>, <c>dropped</c>, <c>late</c>, <c>rate</c>, <c>accuracy</c>, or a custom metric's name.</summary>
    public string Subject { get; }

    /// <summary>The statistic of a distribution (<c>p99</c>, <c>mean</c>...), or the subject itself for counts and rates.</summary>
    public string Statistic { get; }

    /// <summary>The comparison.</summary>
    public ThresholdOperator Operator { get; }

    /// <summary>The limit, in milliseconds for times, in percent when <see cref="IsPercent"/>, otherwise as written.</summary>
    public double Limit { get; }

    /// <summary>Whether the limit is a percentage (of completed instances for errors, of intended fires for dropped and late).</summary>
    public bool IsPercent { get; }

    /// <summary>Parses a threshold.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The threshold.</returns>
    /// <exception cref="FormatException">The text is not a threshold; the message says what was expected.</exception>
    public static Threshold Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string expression = text.Trim();
        int opStart = expression.IndexOfAny(['<', '>']);
        if (opStart <= 0)
        {
            throw new FormatException($"'{text}' is not a threshold: expected {Expected}.");
        }

        bool orEqual = opStart + 1 < expression.Length && expression[opStart + 1] == '=';
        ThresholdOperator op = (expression[opStart], orEqual) switch
        {
            ('<', false) => ThresholdOperator.Less,
            ('<', true) => ThresholdOperator.LessOrEqual,
            ('>', false) => ThresholdOperator.Greater,
            _ => ThresholdOperator.GreaterOrEqual,
        };
        string left = expression[..opStart].Trim();
        string right = expression[(opStart + (orEqual ? 2 : 1))..].Trim();

        string statistic = left, subject = left;
        int open = left.IndexOf('(', StringComparison.Ordinal);
        if (open >= 0)
        {
            if (!left.EndsWith(')') || open == 0 || open + 1 >= left.Length - 1)
            {
                throw new FormatException($"'{left}' is not a statistic of a metric: expected 'statistic(metric)', such as 'p99(latency)' or 'mean(bytes)'.");
            }

            statistic = left[..open].Trim();
            subject = left[(open + 1)..^1].Trim();
            CheckStatistic(statistic, left);
        }
        else if (IsStatistic(statistic))
        {
            subject = "latency";
        }
        else if (subject is not ("errors" or "dropped" or "late" or "rate" or "accuracy"))
        {
            throw new FormatException($"Unknown statistic '{left}': expected {Expected}.");
        }

        bool isTime = subject is "latency" or "service" or "start_delay" or "scheduling_error" && statistic != "count";
        double limit;
        bool percent = false;
        if (isTime)
        {
            if (!LoadDuration.TryParse(right, out TimeSpan duration))
            {
                throw new FormatException($"The limit '{right}' of '{left}' is a time: expected {LoadDuration.Expected}.");
            }

            limit = duration.TotalMilliseconds;
        }
        else if (right.EndsWith('%') && subject is "errors" or "dropped" or "late" or "accuracy")
        {
            limit = ParseNumber(right[..^1], left);
            percent = true;
        }
        else
        {
            if (subject == "accuracy")
            {
                throw new FormatException($"The limit '{right}' of 'accuracy' is a percentage of the target rate: expected a number followed by %, such as 99%.");
            }

            limit = ParseNumber(right, left);
        }

        return new Threshold(expression, subject, statistic, op, limit, percent);
    }

    /// <summary>Checks the threshold against a test entry's results.</summary>
    /// <param name="result">The results.</param>
    /// <returns>The outcome: passed or not, and the value found.</returns>
    public ThresholdOutcome Evaluate(LoadTestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        double actual;
        string unit = "";
        switch (Subject)
        {
            case "errors":
                actual = IsPercent ? Percent(result.Failed, result.Succeeded + result.Failed) : result.Failed;
                break;
            case "dropped":
                actual = IsPercent ? Percent(result.Dropped, result.Fired) : result.Dropped;
                break;
            case "late":
                actual = IsPercent ? Percent(result.Late, result.Fired - result.Dropped) : result.Late;
                break;
            case "rate":
                actual = result.AchievedRate;
                unit = "/s";
                break;
            case "accuracy":
                actual = result.Accuracy * 100;
                break;
            default:
                LoadDistribution? summary = Subject switch
                {
                    "latency" => result.Latency,
                    "service" => result.Service,
                    "start_delay" => result.StartDelay,
                    "scheduling_error" => result.SchedulingError,
                    _ => result.Metrics.TryGetValue(Subject, out LoadDistribution? metric) ? metric : null,
                };
                actual = summary is not null && DistributionStatistic.TryGet(summary, Statistic, out double value) ? value : double.NaN;
                if (summary is null && Statistic == "count")
                {
                    actual = 0;
                }

                unit = summary?.Unit ?? "";
                break;
        }

        if (IsPercent)
        {
            unit = "%";
        }

        // A statistic that was never measured (no instance completed) cannot show the threshold is met.
        bool passed = !double.IsNaN(actual) && Operator switch
        {
            ThresholdOperator.Less => actual < Limit,
            ThresholdOperator.LessOrEqual => actual <= Limit,
            ThresholdOperator.Greater => actual > Limit,
            _ => actual >= Limit,
        };
        string text = double.IsNaN(actual) ? "not measured"
            : unit == "ms" ? LoadDuration.FormatMilliseconds(actual)
            : actual.ToString(Math.Abs(actual) >= 100 ? "0.#" : "0.###", CultureInfo.InvariantCulture) + unit;
        return new ThresholdOutcome(Expression, passed, actual, text);
    }

    private static double Percent(long part, long whole) => whole == 0 ? 0 : 100.0 * part / whole;

    private static bool IsStatistic(string name) => name is "min" or "mean" or "avg" or "p50" or "med" or "p75" or "p90" or "p95" or "p99" or "p99.9" or "max" or "count";

    private static void CheckStatistic(string statistic, string left)
    {
        if (!IsStatistic(statistic))
        {
            throw new FormatException($"Unknown statistic '{statistic}' in '{left}': expected one of min, mean, p50, p75, p90, p95, p99, p99.9, max, count.");
        }
    }

    private static double ParseNumber(string text, string left)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new FormatException($"The limit '{text}' of '{left}' is not a finite number.");
        }

        return value;
    }
}
