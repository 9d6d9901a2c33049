using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Vypr.Contracts;

namespace Vypr.Runtime;

/// <summary>
/// Checks a drained call record of a <c>[MaxDuration]</c> call site against its bound: statistics always, a kept
/// verdict for every violation and for the first satisfied calls of each test and site. Called only under
/// <see cref="RuntimeMonitor"/>'s drain lock.
/// </summary>
internal static class MaxDurationChecker
{
    // Indexed by call site ID (slot 0 unused); grown when a new site shows up.
    private static SiteState[] s_siteStates = [];

    /// <summary>
    /// Checks a drained call within one drain: <paramref name="last"/> holds the site and statistics of the drain's
    /// previous call, so a run of calls from one test and site (a loop of monitored calls fills its ring with them)
    /// looks up neither.
    /// </summary>
    // The common case, a satisfied call beyond the retention limit, only updates statistics: keep it small
    // enough to inline into the drain loop.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Check(ref LastSite last, in CallRecord record, int threadId)
    {
        if (last.Accumulator is null || record.CallSiteId != last.CallSiteId || record.TestId != last.TestId)
        {
            last.Resolve(record.CallSiteId, record.TestId);
        }

        SiteState site = last.Site!;
        CallSiteAccumulator accumulator = last.Accumulator!;
        long duration = RunClock.Nanoseconds(record.StartTimestamp, record.EndTimestamp);
        bool satisfied = duration <= site.BoundNanoseconds;

        accumulator.Add(duration, satisfied, record.Threw);
        if (!satisfied || accumulator.KeptSatisfied < VerdictRetention.SatisfiedPerSite)
        {
            Keep(record, threadId, site, duration, satisfied, accumulator);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Keep(in CallRecord record, int threadId, SiteState site, long duration, bool satisfied, CallSiteAccumulator accumulator)
    {
        if (satisfied)
        {
            accumulator.KeptSatisfied++;
        }

        var observation = new ObservationInfo("duration", duration, "ns", site.Condition, satisfied);
        var verdict = new VerdictInfo(
            VerdictStore.Count + 1,
            site.SpecificationId,
            record.CallSiteId,
            record.TestId,
            threadId,
            RunClock.ToWallClock(record.StartTimestamp),
            duration,
            satisfied,
            site.BoundNanoseconds - duration,
            record.Threw,
            [observation]);

        VerdictStore.Add(verdict);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static SiteState SiteStateOf(int callSiteId)
    {
        SiteState[] sites = s_siteStates;
        IReadOnlyList<CallSiteInfo> registered = MonitorRegistry.CallSites;
        var grown = new SiteState[Math.Max(callSiteId, registered.Count) + 1];
        Array.Copy(sites, grown, sites.Length);
        for (int id = Math.Max(sites.Length, 1); id < grown.Length; id++)
        {
            SpecificationInfo specification = MonitorRegistry.Specification(registered[id - 1].SpecificationId);
            // A measurement without a bound (MethodTimer's [Time], woven by IL) has the largest bound there is.
            string condition = specification.BoundNanoseconds == long.MaxValue ? "measured" : "<= " + DurationText.FormatNanoseconds(specification.BoundNanoseconds);
            grown[id] = new SiteState(specification.Id, specification.BoundNanoseconds, condition);
        }

        s_siteStates = grown;
        return grown[callSiteId];
    }

    /// <summary>What checking a call at one site needs, resolved once.</summary>
    internal sealed record SiteState(int SpecificationId, long BoundNanoseconds, string Condition);

    /// <summary>
    /// The site and statistics of the last call one drain checked (a local of the drain: nothing can replace a test's
    /// statistics while the drain lock is held, so they stay valid for the drain). Empty (default) at the drain's start.
    /// </summary>
    internal struct LastSite
    {
        internal int CallSiteId;
        internal int TestId;
        private SiteState? _site;
        private CallSiteAccumulator? _accumulator;

        internal readonly SiteState? Site => _site;

        internal readonly CallSiteAccumulator? Accumulator => _accumulator;

        [MethodImpl(MethodImplOptions.NoInlining)]
        internal void Resolve(int callSiteId, int testId)
        {
            SiteState[] sites = s_siteStates;
            _site = (uint)callSiteId < (uint)sites.Length ? sites[callSiteId] : SiteStateOf(callSiteId);
            _accumulator = VerdictStore.Accumulator(testId, callSiteId);
            CallSiteId = callSiteId;
            TestId = testId;
        }
    }
}
