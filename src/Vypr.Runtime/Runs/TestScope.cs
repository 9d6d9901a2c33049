using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Vypr.Contracts;

namespace Vypr.Runtime;

/// <summary>
/// Attributes monitored calls to the test that causes them. Test-framework integrations begin a scope when a test
/// starts; the scope flows with the test's async context (across awaits and into tasks it starts), never by time
/// window, so tests running in parallel never receive each other's verdicts.
/// </summary>
public sealed class TestScope : IDisposable
{
    private static readonly AsyncLocal<TestScope?> s_current = new();
    private static int s_lastId;

    private readonly TestScope? _outer;
    private readonly TestMeter _meter = TestMeter.Start();
    private int _ended;

    private TestScope(int id, string name, TestScope? outer)
    {
        Id = id;
        Name = name;
        _outer = outer;
    }

    /// <summary>The scope of the running test in the current async context, if any.</summary>
    public static TestScope? Current => s_current.Value;

    /// <summary>The test's number within this run (never 0).</summary>
    public int Id { get; }

    /// <summary>The test's full name.</summary>
    public string Name { get; }

    internal static int CurrentId
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => s_current.Value?.Id ?? 0;
    }

    /// <summary>Starts attributing monitored calls in the current async context to the test <paramref name="name"/>.</summary>
    /// <param name="name">The test's full name, as the test framework reports it.</param>
    /// <returns>The scope; end it with <see cref="End"/> or <see cref="Dispose"/>.</returns>
    public static TestScope Begin(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        // A theory's arguments are part of its name and may hold any text; keep what the results format can carry.
        var scope = new TestScope(Interlocked.Increment(ref s_lastId), TextLimits.Clip(ResultsText.Clean(name)!, TextLimits.Name), s_current.Value);
        RuntimeMonitor.TestStarted(scope.Id, scope.Name, DateTimeOffset.UtcNow);
        s_current.Value = scope;
        return scope;
    }

    /// <summary>
    /// The verdicts kept for the monitored calls this test made that have completed, in the order they were
    /// decided: every violation, and satisfied verdicts up to the retention limit per call site. Drains the probes'
    /// buffers first, so calls that completed before this method was called are all included.
    /// </summary>
    /// <returns>The verdicts; violations are those whose <see cref="VerdictInfo.Value"/> is false.</returns>
    public IReadOnlyList<VerdictInfo> CollectVerdicts() => RuntimeMonitor.VerdictsOf(Id);

    /// <summary>Exact statistics of every monitored call this test made, per call site, including calls whose satisfied verdicts were not kept.</summary>
    /// <returns>One summary per call site the test reached.</returns>
    public IReadOnlyList<CallSiteSummary> CollectSummaries() => RuntimeMonitor.SummariesOf(Id);

    /// <summary>Ends the test, recording its outcome, and stops attributing calls in this async context to it.</summary>
    /// <param name="outcome">The test framework's outcome (<c>Passed</c>, <c>Failed</c>, ...), if known.</param>
    public void End(string? outcome)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }

        RuntimeMonitor.TestEnded(Id, DateTimeOffset.UtcNow, outcome, _meter.Stop());
        if (ReferenceEquals(s_current.Value, this))
        {
            s_current.Value = _outer;
        }
    }

    /// <summary>Ends the test without an outcome (see <see cref="End"/>).</summary>
    public void Dispose() => End(null);
}
