using System;
using System.Collections.Generic;
using Vypr.Contracts;

namespace Vypr.Runtime;

/// <summary>
/// What the run keeps of one test (or, at ID 0, of calls made outside any test): when it started and ended, its kept
/// verdicts and its statistics per call site. Touched only under <see cref="RuntimeMonitor"/>'s drain lock.
/// </summary>
internal sealed class TestRecord(int testId)
{
    private CallSiteAccumulator[] _sites = [];
    private int _siteCount;

    public int TestId { get; } = testId;

    /// <summary>Whether a test began with this ID (calls outside any test have a record without a test).</summary>
    public bool Started { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public string? Outcome { get; private set; }

    public TestMeasurements? Measurements { get; private set; }

    /// <summary>The test's kept verdicts, in the order they were decided; null until its first.</summary>
    public List<VerdictInfo>? Verdicts { get; set; }

    public void Start(string name, DateTimeOffset startedAt)
    {
        Started = true;
        Name = name;
        StartedAt = startedAt;
        EndedAt = null;
        Outcome = null;
        Measurements = null;
    }

    public void End(DateTimeOffset endedAt, string? outcome, TestMeasurements? measurements)
    {
        EndedAt = endedAt;
        Outcome = outcome;
        Measurements = measurements;
    }

    /// <summary>The test as the results format carries it; a new object on each call.</summary>
    public TestInfo ToInfo() => new(TestId, Name, StartedAt, EndedAt, Outcome) { Measurements = Measurements };

    /// <summary>The accumulator of a call site, made on first use.</summary>
    /// <param name="callSiteId">The call site.</param>
    /// <param name="created">Whether it was made now.</param>
    /// <returns>The accumulator.</returns>
    public CallSiteAccumulator Accumulator(int callSiteId, out bool created)
    {
        // Kept sorted by call site: a test reaches a few sites, found by binary search, and its summaries come out in
        // order without sorting them at every test's end.
        int low = 0;
        int high = _siteCount - 1;
        while (low <= high)
        {
            int middle = (int)((uint)(low + high) >> 1);
            int id = _sites[middle].CallSiteId;
            if (id == callSiteId)
            {
                created = false;
                return _sites[middle];
            }

            if (id < callSiteId)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        if (_siteCount == _sites.Length)
        {
            Array.Resize(ref _sites, Math.Max(4, _sites.Length * 2));
        }

        Array.Copy(_sites, low, _sites, low + 1, _siteCount - low);
        var accumulator = new CallSiteAccumulator(TestId, callSiteId);
        _sites[low] = accumulator;
        _siteCount++;
        created = true;
        return accumulator;
    }

    /// <summary>The test's statistics, by call site.</summary>
    public CallSiteSummary[] Summaries()
    {
        if (_siteCount == 0)
        {
            return [];
        }

        var summaries = new CallSiteSummary[_siteCount];
        for (int i = 0; i < summaries.Length; i++)
        {
            summaries[i] = _sites[i].ToSummary();
        }

        return summaries;
    }
}
