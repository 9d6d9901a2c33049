using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
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

    // The count line of a test without violations, at its number of verdicts (see CountLine).
    private static readonly string?[] s_passingCountLines = new string?[256];

    // The same as Summaries and Violations, as arrays: a foreach over an IReadOnlyList<T> boxes its enumerator.
    private readonly CallSiteSummary[] _summaries;
    private readonly VerdictInfo[] _violations;

    private TestReport(VerdictInfo[] verdicts, CallSiteSummary[] summaries, ViolationPolicy policy, IReadOnlyList<string> warnings)
    {
        Warnings = warnings;
        Verdicts = verdicts;
        Summaries = _summaries = summaries;
        Violations = _violations = ViolationsAmong(verdicts);
        FailsTest = _violations.Length > 0 && policy == ViolationPolicy.Fail;
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

    /// <summary>The lines for the test's output under the run's <see cref="TestOutputSetting"/> (see <see cref="OutputLines(TestOutputDetail)"/>).</summary>
    /// <returns>The lines, without line ends.</returns>
    public IReadOnlyList<string> OutputLines() => OutputLines(TestOutputSetting.Current);

    /// <summary>
    /// The lines for the test's output: a count of its verdicts; when the test has a violation or a warning, or
    /// <paramref name="detail"/> is <see cref="TestOutputDetail.Detailed"/>, also each satisfied call site, each violation
    /// and each warning. Empty when the test reached no monitored call and has no warning.
    /// </summary>
    /// <param name="detail">How much a test without violation or warning shows.</param>
    /// <returns>The lines, without line ends.</returns>
    public IReadOnlyList<string> OutputLines(TestOutputDetail detail)
    {
        if (_summaries.Length == 0)
        {
            return Warnings;
        }

        var lines = new List<string>(1 + Summaries.Count + Violations.Count + Warnings.Count) { CountLine() };
        if (!ShowsEveryLine(detail))
        {
            return lines;
        }

        foreach (CallSiteSummary site in _summaries)
        {
            if (site.Violations == 0)
            {
                lines.Add(OkLine(site));
            }
        }

        foreach (VerdictInfo violation in _violations)
        {
            lines.Add($"  VIOLATED {VerdictText.Describe(violation)}");
        }

        lines.AddRange(Warnings);
        return lines;
    }

    /// <summary>The test's output text under the run's <see cref="TestOutputSetting"/> (see <see cref="OutputText(TestOutputDetail)"/>).</summary>
    /// <returns>The text; empty when there are no lines.</returns>
    public string OutputText() => OutputText(TestOutputSetting.Current);

    /// <summary>
    /// The lines of <see cref="OutputLines(TestOutputDetail)"/> as one text, separated by <see cref="System.Environment.NewLine"/>
    /// (no line end after the last), built in one buffer: what an integration writes into the test's output.
    /// </summary>
    /// <param name="detail">How much a test without violation or warning shows.</param>
    /// <returns>The text; empty when there are no lines.</returns>
    public string OutputText(TestOutputDetail detail)
    {
        if (_summaries.Length == 0)
        {
            return Warnings.Count == 0 ? string.Empty : string.Join(System.Environment.NewLine, Warnings);
        }

        if (!ShowsEveryLine(detail))
        {
            return CountLine();
        }

        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture);
        AppendCountLine(ref text, VerdictCount());
        foreach (CallSiteSummary site in _summaries)
        {
            if (site.Violations == 0)
            {
                text.AppendLiteral(System.Environment.NewLine);
                AppendOkLine(ref text, site);
            }
        }

        foreach (VerdictInfo violation in _violations)
        {
            text.AppendLiteral(System.Environment.NewLine);
            text.AppendLiteral("  VIOLATED ");
            text.AppendLiteral(VerdictText.Describe(violation));
        }

        foreach (string warning in Warnings)
        {
            text.AppendLiteral(System.Environment.NewLine);
            text.AppendLiteral(warning);
        }

        return text.ToStringAndClear();
    }

    // A passing test's output is its count alone unless asked for in detail: the "ok" lines were most of the bytes a
    // test's bookkeeping allocated, for output that a passing test's runner does not show (docs/benchmarks.md).
    private bool ShowsEveryLine(TestOutputDetail detail) => detail == TestOutputDetail.Detailed || _violations.Length > 0 || Warnings.Count > 0;

    private long VerdictCount()
    {
        // Verdicts, not calls: a call checked by a [MaxDuration] and by a fluent specification has one verdict for
        // each, and the summaries cannot tell which verdicts share a call (a receiver test may check only some).
        long verdicts = 0;
        foreach (CallSiteSummary site in _summaries)
        {
            verdicts += site.Calls;
        }

        return verdicts;
    }

    private string CountLine()
    {
        // Most tests pass with a handful of verdicts: the same few lines, made once per run each. Racing writers
        // store equal texts, so the array needs no lock.
        long verdicts = VerdictCount();
        string?[] passing = s_passingCountLines;
        bool cacheable = _violations.Length == 0 && (ulong)verdicts < (ulong)passing.Length;
        if (cacheable && passing[verdicts] is { } cached)
        {
            return cached;
        }

        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture);
        AppendCountLine(ref text, verdicts);
        string line = text.ToStringAndClear();
        if (cacheable)
        {
            passing[verdicts] = line;
        }

        return line;
    }

    private void AppendCountLine(ref DefaultInterpolatedStringHandler text, long verdicts)
    {
        text.AppendLiteral("Vypr: ");
        text.AppendFormatted(verdicts);
        text.AppendLiteral(verdicts == 1 ? " verdict" : " verdicts");
        text.AppendLiteral(" on monitored calls (one per call and specification), ");
        text.AppendFormatted(_violations.Length);
        text.AppendLiteral(" violated their specification.");
    }

    private static void AppendOkLine(ref DefaultInterpolatedStringHandler text, CallSiteSummary site)
    {
        text.AppendLiteral(CachedOkLineStart(site.CallSiteId));
        text.AppendFormatted(site.Calls);
        text.AppendLiteral(site.Calls == 1 ? " call, slowest " : " calls, slowest ");
        text.AppendLiteral(DurationText.FormatNanoseconds(site.MaxNanoseconds));
    }

    /// <summary>The line for a call site where every call satisfied its specification.</summary>
    /// <param name="site">The site's statistics.</param>
    /// <returns>For example <c>  ok MaxDuration("5ms") on Store.Put(Payload) at StoreTests.cs:42:9: 3 calls, slowest 1.2ms</c>.</returns>
    internal static string OkLine(CallSiteSummary site)
    {
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture);
        AppendOkLine(ref text, site);
        return text.ToStringAndClear();
    }

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

    // Over the array itself: through IReadOnlyList<T> each foreach boxed an enumerator and called it by interface.
    private static VerdictInfo[] ViolationsAmong(VerdictInfo[] verdicts)
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
