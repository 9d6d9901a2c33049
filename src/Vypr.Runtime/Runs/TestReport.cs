using System.Collections.Generic;
using System.Text;
using System.Threading;
using Vypr.Contracts;

namespace Vypr.Runtime.Runs;

/// <summary>
/// What a test's monitored calls came to when the test ended, for any test framework: its verdicts, the lines to
/// write in its output, and, under <see cref="ViolationPolicy.Fail"/>, the exception that fails it.
/// </summary>
public sealed class TestReport
{
    // The start of each call site's "ok" line, at its call site ID - 1: a site's specification text, method and location
    // never change within a run (registration only appends), so each is formatted once per run instead of once per test.
    // A plain array read without a lock, written under one: a concurrent dictionary keyed by int is a generic
    // instantiation that no precompiled image holds, and compiling it cost each test process more than it saved.
    private static readonly Lock s_okLineLock = new();
    private static string?[] s_okLineStarts = [];

    private TestReport(IReadOnlyList<VerdictInfo> verdicts, IReadOnlyList<CallSiteSummary> summaries, ViolationPolicy policy, IReadOnlyList<string> warnings)
    {
        Warnings = warnings;
        Verdicts = verdicts;
        Summaries = summaries;
        Violations = ViolationsAmong(verdicts);
        FailsTest = Violations.Count > 0 && policy == ViolationPolicy.Fail;
    }

    /// <summary>The verdicts kept for the test's calls (see <see cref="TestScope.CollectVerdicts"/>).</summary>
    public IReadOnlyList<VerdictInfo> Verdicts { get; }

    /// <summary>The violations among <see cref="Verdicts"/>.</summary>
    public IReadOnlyList<VerdictInfo> Violations { get; }

    /// <summary>Exact statistics per call site the test reached.</summary>
    public IReadOnlyList<CallSiteSummary> Summaries { get; }

    /// <summary>
    /// Invocations of scoped methods that the test began and that were not recorded to their end when it ended (one
    /// still running, or records that wait for one that never came): their verdicts may be missing. Empty when none.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Whether the test must fail: it has violations and the policy is <see cref="ViolationPolicy.Fail"/>.</summary>
    public bool FailsTest { get; }

    /// <summary>Collects the report of the test of <paramref name="scope"/>, draining the probes first.</summary>
    /// <param name="scope">The test's scope; still open or already ended.</param>
    /// <param name="policy">What a violation does.</param>
    /// <returns>The report.</returns>
    public static TestReport Collect(TestScope scope, ViolationPolicy policy)
    {
        System.ArgumentNullException.ThrowIfNull(scope);
        IReadOnlyList<string> warnings = RuntimeMonitor.ReportOf(scope.Id, out VerdictInfo[] verdicts, out CallSiteSummary[] summaries);
        return new TestReport(verdicts, summaries, policy, warnings);
    }

    /// <summary>The lines for the test's output: a count, each satisfied call site, each violation. Empty when the test reached no monitored call.</summary>
    /// <returns>The lines, without line ends.</returns>
    public IReadOnlyList<string> OutputLines()
    {
        if (Summaries.Count == 0)
        {
            return Warnings;
        }

        // Verdicts, not calls: a call checked by a [MaxDuration] and by a fluent specification has one verdict for
        // each, and the summaries cannot tell which verdicts share a call (a receiver test may check only some).
        long verdicts = 0;
        foreach (CallSiteSummary site in Summaries)
        {
            verdicts += site.Calls;
        }

        var lines = new List<string>(1 + Summaries.Count + Violations.Count + Warnings.Count)
        {
            $"Vypr: {verdicts} {(verdicts == 1 ? "verdict" : "verdicts")} on monitored calls (one per call and specification), {Violations.Count} violated their specification.",
        };
        foreach (CallSiteSummary site in Summaries)
        {
            if (site.Violations == 0)
            {
                lines.Add(OkLine(site));
            }
        }

        foreach (VerdictInfo violation in Violations)
        {
            lines.Add($"  VIOLATED {VerdictText.Describe(violation)}");
        }

        lines.AddRange(Warnings);
        return lines;
    }

    /// <summary>The line for a call site where every call satisfied its specification.</summary>
    /// <param name="site">The site's statistics.</param>
    /// <returns>For example <c>  ok MaxDuration("5ms") on Store.Put(Payload) at StoreTests.cs:42:9: 3 calls, slowest 1.2ms</c>.</returns>
    internal static string OkLine(CallSiteSummary site) =>
        string.Concat(
            CachedOkLineStart(site.CallSiteId),
            site.Calls.ToString(System.Globalization.CultureInfo.InvariantCulture),
            site.Calls == 1 ? " call, slowest " : " calls, slowest ",
            DurationText.FormatNanoseconds(site.MaxNanoseconds));

    private static string CachedOkLineStart(int callSiteId)
    {
        string?[] starts = Volatile.Read(ref s_okLineStarts);
        if ((uint)(callSiteId - 1) < (uint)starts.Length && starts[callSiteId - 1] is { } cached)
        {
            return cached;
        }

        string start = OkLineStart(callSiteId);
        lock (s_okLineLock)
        {
            starts = s_okLineStarts;
            if (callSiteId > starts.Length)
            {
                System.Array.Resize(ref starts, System.Math.Max(callSiteId, starts.Length * 2));
            }

            starts[callSiteId - 1] ??= start;
            Volatile.Write(ref s_okLineStarts, starts);
            return starts[callSiteId - 1]!;
        }
    }

    /// <summary>The part of a call site's "ok" line that does not depend on the test: what, on which method, where.</summary>
    /// <param name="callSiteId">A registered call site.</param>
    /// <returns>The text up to and including the colon after the location.</returns>
    internal static string OkLineStart(int callSiteId)
    {
        CallSiteInfo callSite = MonitorRegistry.CallSite(callSiteId);
        SpecificationInfo specification = MonitorRegistry.Specification(callSite.SpecificationId);
        return $"  ok {specification.Text} on {specification.Method} at {callSite.Location}: ";
    }

    private static VerdictInfo[] ViolationsAmong(IReadOnlyList<VerdictInfo> verdicts)
    {
        int count = 0;
        foreach (VerdictInfo verdict in verdicts)
        {
            count += verdict.Value ? 0 : 1;
        }

        if (count == 0)
        {
            return [];
        }

        var violations = new VerdictInfo[count];
        int next = 0;
        foreach (VerdictInfo verdict in verdicts)
        {
            if (!verdict.Value)
            {
                violations[next++] = verdict;
            }
        }

        return violations;
    }

    /// <summary>The exception that fails the test, when <see cref="FailsTest"/>; its message lists each violation.</summary>
    /// <returns>The exception, or null when the test does not fail for its calls.</returns>
    public PerformanceSpecificationException? Failure()
    {
        if (!FailsTest)
        {
            return null;
        }

        var message = new StringBuilder();
        message.Append(Violations.Count == 1 ? "1 call violated its performance specification:" : $"{Violations.Count} calls violated their performance specifications:");
        foreach (VerdictInfo violation in Violations)
        {
            message.AppendLine().Append("  ").Append(VerdictText.Describe(violation));
        }

        return new PerformanceSpecificationException(message.ToString());
    }
}
