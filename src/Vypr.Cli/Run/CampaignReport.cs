using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Vypr.Cli.Run;

/// <summary>
/// What a campaign found, in the form every output shares: violations grouped by iteration, specification, call
/// site and test (the worst of each group shown), and specifications named by short keys (<c>S1</c>, <c>S2</c>) whose
/// full text is listed once, so a row stays one terminal line however long a formula is.
/// </summary>
internal sealed class CampaignReport
{
    private readonly List<(string SpecificationKey, string Text)> keys = [];

    /// <summary>Creates the report.</summary>
    /// <param name="configFile">The configuration file, as given.</param>
    /// <param name="campaignDirectory">The campaign directory.</param>
    /// <param name="iterations">The finished iterations, in order.</param>
    /// <param name="planned">How many iterations the campaign has.</param>
    /// <param name="stoppedEarly">Why the campaign stopped before its last iteration, or null.</param>
    public CampaignReport(string configFile, string campaignDirectory, IReadOnlyList<IterationResults> iterations, int planned, string? stoppedEarly)
    {
        ConfigFile = configFile;
        CampaignDirectory = campaignDirectory;
        Iterations = iterations;
        Planned = planned;
        StoppedEarly = stoppedEarly;
        Groups = [.. iterations
            .SelectMany(i => i.Violations())
            .GroupBy(v => (v.Iteration.Iteration, v.Specification.Key, v.Where.Location, v.TestName))
            .Select(g => new ViolationGroup(g.OrderBy(v => v.Verdict.Severity).First(), g.Count(), KeyOf(g.First().Specification.Key, $"{g.First().Specification.Text} on {g.First().Specification.Method}")))
            .OrderBy(g => g.Worst.Iteration.Iteration)
            .ThenBy(g => g.Worst.Verdict.Severity)];
        Verdicts = [.. iterations
            .SelectMany(i => i.Documents)
            .SelectMany(d => d.Summaries.Select(summary =>
            {
                Vypr.Contracts.CallSiteInfo site = d.CallSites.First(c => c.Id == summary.CallSiteId);
                Vypr.Contracts.SpecificationInfo specification = d.Specifications.First(sp => sp.Id == site.SpecificationId);
                return (Key: KeyOf(specification.Key, $"{specification.Text} on {specification.Method}"), site.Location, summary);
            }))
            .GroupBy(x => (x.Key, x.Location))
            .Select(g => new VerdictRow(g.Key.Key, g.Key.Location, g.Sum(x => x.summary.Calls), g.Sum(x => x.summary.Violations), g.Max(x => x.summary.MaxNanoseconds)))
            .OrderByDescending(r => r.Violations > 0)
            .ThenBy(r => int.Parse(r.Key.AsSpan(1), CultureInfo.InvariantCulture))
            .ThenBy(r => r.Location, StringComparer.Ordinal)];

        // A specification no call reached says nothing about performance; it is listed, never left out: the call may
        // not have been woven (vypr-weaving.md says), or the tests may not exercise the method.
        var reached = Verdicts.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        NotReached = [.. iterations
            .SelectMany(i => i.Documents)
            .SelectMany(d => d.Specifications)
            .DistinctBy(sp => sp.Key)
            .Select(sp => KeyOf(sp.Key, $"{sp.Text} on {sp.Method}"))
            .Where(key => !reached.Contains(key))];
    }

    /// <summary>The keys of the specifications that no call reached in any iteration, in key order.</summary>
    public IReadOnlyList<string> NotReached { get; }

    /// <summary>The CPU sample profiles of the slowest tests (<c>profile: { slowest: N }</c>), slowest first; empty when none were asked for.</summary>
    public IReadOnlyList<Vypr.Cli.Profiles.TestProfile> Profiles { get; init; } = [];

    /// <summary>Every specification and call site with its calls over the campaign, violated ones first.</summary>
    public IReadOnlyList<VerdictRow> Verdicts { get; }

    /// <summary>The configuration file, as given.</summary>
    public string ConfigFile { get; }

    /// <summary>The campaign directory.</summary>
    public string CampaignDirectory { get; }

    /// <summary>The finished iterations.</summary>
    public IReadOnlyList<IterationResults> Iterations { get; }

    /// <summary>How many iterations the campaign has.</summary>
    public int Planned { get; }

    /// <summary>Why the campaign stopped before its last iteration, or null.</summary>
    public string? StoppedEarly { get; }

    /// <summary>The violations, grouped, worst first within each iteration.</summary>
    public IReadOnlyList<ViolationGroup> Groups { get; }

    /// <summary>The specifications' keys and texts, in key order.</summary>
    public IEnumerable<(string Key, string Text)> Key => keys.Select((k, i) => ($"S{i + 1}", k.Text));

    /// <summary>Whether the campaign fails a CI job: a violation, a failed test or a failed test process.</summary>
    public bool Failed => Iterations.Any(i => i.Failed);

    /// <summary>The failed tests of every iteration.</summary>
    public IEnumerable<(IterationResults Iteration, string Test)> FailedTests =>
        Iterations.SelectMany(i => i.FailedTests.Select(t => (i, t.Name)));

    /// <summary>One line that says how the campaign ended.</summary>
    public string Headline
    {
        get
        {
            long violations = Iterations.Sum(i => i.ViolationCount);
            int failedTests = Iterations.Sum(i => i.FailedTests.Count);
            string verdict = !Failed ? "clean"
                : $"{Plural(violations, "violation")}, {Plural(failedTests, "failed test")}";
            string stopped = StoppedEarly is null ? string.Empty : $", {StoppedEarly}";
            return $"{verdict} ({Iterations.Count} of {Plural(Planned, "iteration")} run{stopped})";
        }
    }

    /// <summary>The input of an iteration as reports show it.</summary>
    /// <param name="record">The iteration.</param>
    /// <returns>The input, or a dash when the campaign has none.</returns>
    public static string InputOf(IterationRecord record) => record.Input ?? "-";

    /// <summary>A path as reports show it: relative to the working directory when under it.</summary>
    /// <param name="path">A path.</param>
    /// <returns>The shorter form.</returns>
    public static string Display(string path)
    {
        if (!Path.IsPathRooted(path))
        {
            return path;
        }

        string relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    /// <summary>Writes a count with its noun: <c>1 violation</c>, <c>2 violations</c>.</summary>
    /// <param name="count">The count.</param>
    /// <param name="noun">The singular noun.</param>
    /// <returns>The text.</returns>
    public static string Plural(long count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");

    private string KeyOf(string specificationKey, string text)
    {
        int index = keys.FindIndex(k => k.SpecificationKey == specificationKey);
        if (index < 0)
        {
            keys.Add((specificationKey, text));
            index = keys.Count - 1;
        }

        return $"S{index + 1}";
    }
}
