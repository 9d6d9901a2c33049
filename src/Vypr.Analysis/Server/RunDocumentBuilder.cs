using System;
using System.Collections.Generic;
using System.Linq;
using Vypr.Contracts;
using Vypr.Contracts.Reads;

namespace Vypr.Analysis.Server;

/// <summary>
/// Turns one run as the read API gives it back into the results document the run wrote: the server's store-wide
/// IDs become the run-local numbers of the results format, the deciding observation comes first.
/// </summary>
internal sealed class RunDocumentBuilder(RunItem run, IReadOnlyDictionary<long, SpecificationItem> specifications)
{
    private readonly Dictionary<long, int> specificationNumbers = [];
    private readonly Dictionary<long, CallSiteInfo> sites = [];

    public RunDocument Build(IReadOnlyList<TestItem> tests, IReadOnlyList<SummaryItem> summaries, IReadOnlyList<CallDetail> details)
    {
        // Test numbers are the run's own (never 0, which stands for "outside any test").
        var testNumbers = tests.ToDictionary(t => t.Id, t => checked((int)t.Number));
        var verdicts = new List<VerdictInfo>();
        foreach (CallDetail detail in details.OrderBy(d => d.Call.Sequence))
        {
            int site = Site(detail.CallSite);
            int test = detail.Call.TestId is { } t ? testNumbers.GetValueOrDefault(t) : 0;
            foreach (VerdictItem verdict in detail.Verdicts)
            {
                verdicts.Add(new VerdictInfo(
                    detail.Call.Sequence,
                    Specification(verdict.SpecificationId),
                    site,
                    test,
                    unchecked((int)detail.Call.ThreadId),
                    detail.Call.StartedAt,
                    detail.Call.DurationNanoseconds,
                    verdict.Value,
                    verdict.Severity,
                    detail.Call.Threw,
                    Observations(verdict)));
            }
        }

        var summaryRows = new List<CallSiteSummary>(summaries.Count);
        foreach (SummaryItem s in summaries)
        {
            if (sites.ContainsKey(s.CallSiteId))
            {
                summaryRows.Add(new CallSiteSummary(
                    s.TestId is { } t ? testNumbers.GetValueOrDefault(t) : 0,
                    sites[s.CallSiteId].Id,
                    s.Calls,
                    s.Violations,
                    s.Threw,
                    s.MinNanoseconds,
                    s.MaxNanoseconds,
                    (long)Math.Round(s.MeanNanoseconds * s.Calls)));
            }
        }

        var runInfo = new RunInfo(run.RunId, run.Assembly, run.StartedAt, run.EndedAt, run.Machine, run.Runtime, run.Commit, run.Branch);
        return new RunDocument(
            RunDocument.CurrentSchema,
            runInfo,
            specificationNumbers.OrderBy(p => p.Value).Select(p => Describe(p.Key, p.Value)).ToList(),
            sites.Values.OrderBy(s => s.Id).ToList(),
            tests.OrderBy(t => t.Number).Select(t => new TestInfo(testNumbers[t.Id], t.Name, t.StartedAt, t.EndedAt, t.Outcome)).ToList(),
            verdicts)
        {
            Summaries = summaryRows,
        };
    }

    private List<ObservationInfo> Observations(VerdictItem verdict)
    {
        var observations = verdict.Observations
            .Select(o => new ObservationInfo(o.Term, o.Value, o.Unit, o.Condition, o.Satisfied, o.CallSite is { } other ? Site(other) : 0))
            .ToList();

        // The results format puts the deciding observation first.
        int deciding = (int)verdict.DecidingObservation;
        if (deciding > 0 && deciding < observations.Count)
        {
            ObservationInfo first = observations[deciding];
            observations.RemoveAt(deciding);
            observations.Insert(0, first);
        }

        return observations;
    }

    private int Site(CallSiteItem site)
    {
        if (!sites.TryGetValue(site.Id, out CallSiteInfo? info))
        {
            info = new CallSiteInfo(sites.Count + 1, Specification(site.SpecificationId), site.File, checked((int)site.Line), checked((int)site.Column), site.Caller, site.Assembly);
            sites[site.Id] = info;
        }

        return info.Id;
    }

    private int Specification(long id)
    {
        if (!specificationNumbers.TryGetValue(id, out int number))
        {
            if (!specifications.ContainsKey(id))
            {
                throw new VerdictServerException($"run {run.RunId}: specification {id} is referred to but not listed by the server");
            }

            number = specificationNumbers.Count + 1;
            specificationNumbers[id] = number;
        }

        return number;
    }

    // The server keeps a specification's identity as the hash of its key; that hash stands in for the key.
    private SpecificationInfo Describe(long id, int number)
    {
        SpecificationItem s = specifications[id];
        return new SpecificationInfo(number, s.Hash, s.Method, s.Text, s.BoundNanoseconds);
    }
}
