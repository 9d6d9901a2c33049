using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Vypr.Runtime.Monitoring;
using Vypr.Runtime.Runs;
using Vypr.Runtime.Tests.Results;
using Xunit;

namespace Vypr.Runtime.Tests.Formulas;

/// <summary>
/// The router lists every invocation it could not put in order to its end, with its test and a point: one that never
/// ended, one whose records wait for a record that never came, and a record that came after its invocation's exit.
/// Invocations whose records all came, in any order, are not listed. A run's summary and verdict table carry the list.
/// </summary>
public sealed class OpenInvocationTests : IDisposable
{
    private static readonly PointInfo[] Points =
    [
        new PointInfo(1, 1, 1, PointKind.Call, "Write", "Store", null, []),
        new PointInfo(2, 1, 2, PointKind.ScopeCall, null, null, null, []),
    ];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vypr-open-invocation-test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Invocations_not_recorded_to_their_end_are_listed_with_their_test_and_point_and_complete_ones_are_not()
    {
        InvocationRouter router = Router();
        var values = new List<CapturedValue>();

        // 1: never ends. 2: its record 2 never comes. 3: a record after its exit. 4: all records, out of order.
        router.Take(Enter(1, 7), values, 1);
        router.Take(Call(1, 2, 7), values, 1);
        router.Take(Enter(2, 7), values, 1);
        router.Take(Call(2, 3, 7), values, 2);
        router.Take(Enter(3, 8), values, 1);
        router.Take(Exit(3, 2), values, 1);
        router.Take(Call(3, 3, 8), values, 2);
        router.Take(Exit(4, 3), values, 2);
        router.Take(Call(4, 2, 8), values, 2);
        router.Take(Enter(4, 8), values, 1);

        Assert.Equal(
            [new OpenInvocation(1, 7, 2, 3, 0), new OpenInvocation(2, 7, 2, 2, 1), new OpenInvocation(3, 8, 1, 1, 1)],
            router.Open());
        Assert.Equal([new OpenInvocation(3, 8, 1, 1, 1)], router.Open(testId: 8));
        Assert.Empty(router.Open(testId: 9));
        Assert.Equal(3, router.OpenInvocations);
    }

    // The drain reads each thread's records in turn, so a late record (a call the invocation did not await, recorded
    // on the thread that completed it) may be taken before the exit it follows: in every order, it is listed as late.
    [Theory]
    [InlineData(0, 1, 2)]
    [InlineData(0, 2, 1)]
    [InlineData(1, 0, 2)]
    [InlineData(1, 2, 0)]
    [InlineData(2, 0, 1)]
    [InlineData(2, 1, 0)]
    public void A_record_after_its_invocations_exit_is_listed_as_late_in_whatever_order_the_records_are_taken(int first, int second, int third)
    {
        InvocationRouter router = Router();
        var values = new List<CapturedValue>();
        CallRecord[] records = [Enter(5, 8), Exit(5, 2), Call(5, 3, 8)];

        foreach (int index in (int[])[first, second, third])
        {
            router.Take(records[index], values, index == 2 ? 2 : 1);
        }

        Assert.Equal([new OpenInvocation(5, 8, 1, 1, 1)], router.Open());

        // A later invocation is put in order as usual.
        router.Take(Enter(6, 8), values, 1);
        router.Take(Call(6, 2, 8), values, 1);
        router.Take(Exit(6, 3), values, 1);
        Assert.Equal([new OpenInvocation(5, 8, 1, 1, 1)], router.Open());
    }

    [Fact]
    public async Task A_runs_warnings_are_printed_with_its_summary_and_written_in_its_verdict_table_without_failing_it()
    {
        var output = new StringWriter();
        string[] warnings = ["Vypr: WARNING: 1 invocation of a scoped method was not recorded to its end; verdicts of its specifications may be missing:", "  invocation 3: ..."];

        RunCompletion completion = await RunCompletion.CloseAsync(SampleDocuments.WithVerdict(1, 1), null, output, _directory, TimeSpan.Zero, warnings);

        Assert.False(completion.Failed);
        Assert.Equal(warnings, completion.Warnings);
        Assert.Contains(string.Join(Environment.NewLine, warnings), output.ToString(), StringComparison.Ordinal);
        Assert.Contains(string.Join(Environment.NewLine, warnings), File.ReadAllText(Path.ChangeExtension(completion.ResultsPath!, ".txt")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_warning_names_each_invocations_state_and_counts_those_beyond_its_list()
    {
        var open = new List<OpenInvocation> { new(1, 0, 0, 3, 0), new(2, 5, 0, 1, 2), new(3, 5, 0, 4, 1) };
        for (int i = 0; i < OpenInvocationText.Listed; i++)
        {
            open.Add(new OpenInvocation(10 + i, 0, 0, 2, 0));
        }

        IReadOnlyList<string> lines = OpenInvocationText.Lines(open, id => id == 5 ? "T.Five" : null);

        Assert.Equal($"Vypr: WARNING: {open.Count} invocations of scoped methods were not recorded to their end; verdicts of their specifications may be missing:", lines[0]);
        Assert.Equal("  invocation 1: (no point recorded); test unknown: it never ended", lines[1]);
        Assert.Equal("  invocation 2: (no point recorded); test T.Five: 2 records came after it had ended (a call it did not await, completing after it) or after records that were lost", lines[2]);
        Assert.Equal("  invocation 3: (no point recorded); test T.Five: 1 record waits for its record 4, which never came", lines[3]);
        Assert.Equal("  ... and 3 more", lines[^1]);
        Assert.Equal(OpenInvocationText.Listed + 2, lines.Count);
        Assert.Empty(OpenInvocationText.Lines([], _ => null));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static CallRecord Enter(int scope, int test) => new() { Kind = RecordKind.Enter, CallSiteId = 2, Scope = scope, Sequence = 1, TestId = test };

    private static CallRecord Call(int scope, int sequence, int test) => new() { Kind = RecordKind.Event, CallSiteId = 1, Scope = scope, Sequence = sequence, TestId = test, StartTimestamp = 1, EndTimestamp = 2 };

    private static CallRecord Exit(int scope, int sequence) => new() { Kind = RecordKind.Exit, Scope = scope, Sequence = sequence };

    private static InvocationRouter Router()
    {
        Specification specification = Specification.For<Store>(nameof(Store.Upload))
            .Forall("c", Calls.To(nameof(Store.Write)))
            .Check(c => c.Duration() <= Duration.Seconds(1));
        var plan = new FormulaPlan(1, specification);
        plan.AddPointsFrom(Points);
        var monitor = new FormulaMonitor(plan, new NoSink());
        return new InvocationRouter(id => Points[id - 1], _ => monitor);
    }

    private sealed class NoSink : IFormulaVerdictSink
    {
        public void Take(in FormulaVerdict verdict)
        {
        }

        public bool CountSatisfied(ScopeInvocation invocation, int pointCallSiteId, long durationNanoseconds, bool threw) => false;
    }

    private sealed class Store
    {
        public void Upload()
        {
        }

        public void Write()
        {
        }
    }
}
