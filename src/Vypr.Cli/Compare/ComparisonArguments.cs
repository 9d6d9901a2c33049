using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vypr.Analysis.Comparison;
using Vypr.Analysis.Inputs;
using Vypr.Analysis.Reports;

namespace Vypr.Cli.Compare;

/// <summary>The arguments <c>vypr compare</c> and <c>vypr gate</c> share, and how they turn into a comparison.</summary>
internal sealed class ComparisonArguments
{
    private readonly Argument<string> baseArgument = new("base") { Description = "The base runs: a results file (vypr.run/1), a samples file (vypr.samples/1), a directory of them, or a verdict server's address selecting runs (http://host:port/?project=P&branch=B&commit=C&last=N; token from VYPR_SERVER_TOKEN)." };
    private readonly Argument<string> headArgument = new("head") { Description = "The head runs, in the same forms." };
    private readonly Option<string> threshold = new("--threshold") { Description = "The practical threshold: changes smaller than this do not matter (10% or 0.1).", DefaultValueFactory = _ => "10%" };
    private readonly Option<string[]> metricThreshold = new("--metric-threshold") { Description = "A threshold for one metric: NAME=5% (repeatable).", AllowMultipleArgumentsPerToken = false };
    private readonly Option<string> confidence = new("--confidence") { Description = "The confidence level of each ratio's interval.", DefaultValueFactory = _ => "95%" };
    private readonly Option<string> fdr = new("--fdr") { Description = "The false-discovery rate held across all metrics (Benjamini-Hochberg).", DefaultValueFactory = _ => "5%" };
    private readonly Option<bool> allowDifferentMachines = new("--allow-different-machines") { Description = "Compare runs of different machines (refused otherwise: their speeds differ)." };

    /// <summary>The output options.</summary>
    public OutputArguments Output { get; } = new();

    /// <summary>Adds the arguments to a command.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        command.Add(baseArgument);
        command.Add(headArgument);
        command.Add(threshold);
        command.Add(metricThreshold);
        command.Add(confidence);
        command.Add(fdr);
        command.Add(allowDifferentMachines);
        Output.AddTo(command);
    }

    /// <summary>Reads both sides, compares them and writes the comparison's report as the output options say.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="UsageException">An option's value is wrong, or the machines differ and that was not allowed.</exception>
    /// <exception cref="InvalidDataException">A file is malformed.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public RunComparison CompareAndReport(ParseResult parse)
    {
        var (comparison, baseSet, headSet) = Compare(parse);
        Output.Write(parse, comparison, MarkdownReport.Comparison, c => HtmlReport.Comparison(c, baseSet, headSet));
        return comparison;
    }

    private (RunComparison Comparison, RunSet Base, RunSet Head) Compare(ParseResult parse)
    {
        var thresholds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string entry in parse.GetValue(metricThreshold) ?? [])
        {
            int eq = entry.LastIndexOf('=');
            if (eq <= 0)
            {
                throw new UsageException($"--metric-threshold '{entry}': expected NAME=SHARE, for example 'Parse=5%'");
            }

            thresholds[entry[..eq]] = Share(entry[(eq + 1)..], "--metric-threshold");
        }

        var options = new ComparisonOptions
        {
            Threshold = Share(parse.GetValue(threshold)!, "--threshold"),
            MetricThresholds = thresholds,
            Confidence = Share(parse.GetValue(confidence)!, "--confidence"),
            FalseDiscoveryRate = Share(parse.GetValue(fdr)!, "--fdr"),
            AllowDifferentMachines = parse.GetValue(allowDifferentMachines),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }

        string basePath = parse.GetValue(baseArgument)!;
        string headPath = parse.GetValue(headArgument)!;
        RunSet baseSet = RunSets.ToRunSet(RunSources.Label(basePath), RunSources.Read([basePath]));
        RunSet headSet = RunSets.ToRunSet(RunSources.Label(headPath), RunSources.Read([headPath]));
        try
        {
            return (RunComparer.Compare(baseSet, headSet, options), baseSet, headSet);
        }
        catch (MachineMismatchException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>Parses a share: <c>10%</c> or <c>0.1</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="option">The option, for the message.</param>
    /// <returns>The share.</returns>
    /// <exception cref="UsageException">The text is not a finite number.</exception>
    public static double Share(string text, string option)
    {
        string t = text.Trim();
        bool percent = t.EndsWith('%');
        if (percent)
        {
            t = t[..^1];
        }

        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new UsageException($"{option} '{text}': expected a share such as 10% or 0.1");
        }

        return percent ? value / 100 : value;
    }
}
