using System;
using Vypr.Contracts;

namespace Vypr.Runtime;

/// <summary>The running statistics of one test's calls at one call site; updated under the monitor's lock.</summary>
internal sealed class CallSiteAccumulator(int testId, int callSiteId)
{
    public int TestId { get; } = testId;

    public int CallSiteId { get; } = callSiteId;

    private long _calls;
    private long _violations;
    private long _threw;
    private long _min = long.MaxValue;
    private long _max;
    private long _total;

    /// <summary>Satisfied verdicts of this test and site kept individually so far.</summary>
    public long KeptSatisfied { get; set; }

    public void Add(long durationNanoseconds, bool satisfied, bool threw)
    {
        _calls++;
        _violations += satisfied ? 0 : 1;
        _threw += threw ? 1 : 0;
        _min = Math.Min(_min, durationNanoseconds);
        _max = Math.Max(_max, durationNanoseconds);
        _total += durationNanoseconds;
    }

    public CallSiteSummary ToSummary() => new(TestId, CallSiteId, _calls, _violations, _threw, _min, _max, _total);
}
