using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Vypr.Runtime.Monitoring;
using Xunit;

namespace Vypr.Runtime.Tests.Formulas;

/// <summary>
/// The online monitor against the reference evaluator on thousands of seeded random traces: the same verdicts, in
/// the same order, with the same observations and severities. Plus checks that the random traces are worth it.
/// </summary>
public sealed class AgreementTests
{
    private const int Seeds = 3000;

    [Fact]
    public void The_online_monitor_agrees_with_the_reference_evaluator_on_random_traces()
    {
        // Every seed runs, so the message can say how widespread a disagreement is; the first one is shown in full.
        string? first = null;
        var failing = new List<int>();
        for (int seed = 0; seed < Seeds; seed++)
        {
            Trace trace = RandomTraces.Generate(seed);
            IReadOnlyList<ExpectedVerdict> expected = ReferenceEvaluator.Evaluate(trace);
            string? disagreement;
            try
            {
                IReadOnlyList<ExpectedVerdict> actual = OnlineMonitor.Run(trace);
                disagreement = expected.SequenceEqual(actual) ? null : Report(seed, trace, expected, actual);
            }
            catch (Exception exception)
            {
                disagreement = Report(seed, trace, expected, null) + "the online monitor threw: " + exception;
            }

            if (disagreement is not null)
            {
                first ??= disagreement;
                failing.Add(seed);
            }
        }

        if (first is not null)
        {
            Assert.Fail($"{failing.Count} of {Seeds} seeds disagree ({string.Join(", ", failing.Take(20))}{(failing.Count > 20 ? ", ..." : string.Empty)}); the first:\n{first}");
        }
    }

    [Fact]
    public void The_online_monitor_agrees_with_the_reference_evaluator_when_each_invocation_arrives_in_one_piece()
    {
        // The router and the monitor keep the newest invocation out of their tables while nothing else arrives: the
        // path every synchronous scoped method takes. Nothing may differ from the interleaved drains above.
        var failing = new List<int>();
        for (int seed = 0; seed < Seeds; seed++)
        {
            Trace trace = RandomTraces.Generate(seed);
            if (!ReferenceEvaluator.Evaluate(trace).SequenceEqual(OnlineMonitor.Run(trace, seed, inOnePiece: true)))
            {
                failing.Add(seed);
            }
        }

        Assert.True(failing.Count == 0, $"{failing.Count} of {Seeds} seeds disagree: {string.Join(", ", failing.Take(20))}");
    }

    [Fact]
    public void A_specification_that_reads_no_time_of_its_scoped_call_gets_the_same_verdicts_when_the_scoped_call_is_not_timed()
    {
        // What an untimed call site records (Probe.TimesScope false): an Enter without a time and no event for the
        // scoped call. Every random specification that MonitorRegistry.UsesScopeTime says needs neither must give the
        // reference evaluator's verdicts from that, interleaved and in one piece.
        var failing = new List<int>();
        int untimed = 0;
        for (int seed = 0; seed < Seeds; seed++)
        {
            Trace trace = RandomTraces.Generate(seed);
            if (MonitorRegistry.UsesScopeTime(trace.Specification) || trace.Points.Any(p => p.Kind == PointKind.ScopeCall && p.Captures.Count > 0))
            {
                continue;
            }

            untimed++;
            IReadOnlyList<ExpectedVerdict> expected = ReferenceEvaluator.Evaluate(trace);
            if (!expected.SequenceEqual(OnlineMonitor.Run(trace, seed, untimedEntry: true))
                || !expected.SequenceEqual(OnlineMonitor.Run(trace, seed, inOnePiece: true, untimedEntry: true)))
            {
                failing.Add(seed);
            }
        }

        Assert.True(untimed > Seeds / 20, $"only {untimed} of {Seeds} random specifications read no time of their scoped call");
        Assert.True(failing.Count == 0, $"{failing.Count} of {untimed} untimed seeds disagree: {string.Join(", ", failing.Take(20))}");
    }

    [Fact]
    public void Whether_a_specification_reads_its_scoped_calls_time_depends_only_on_its_slots_kinds()
    {
        // Calls made in the body (Calls.To, NextCall) carry their own times; the scoped call (Calls.OfScope) and
        // parameters at entry (Changes.Of) carry the scoped call's. Generated over every random specification.
        var seen = new HashSet<bool>();
        for (int seed = 0; seed < Seeds; seed++)
        {
            Specification specification = RandomTraces.Generate(seed).Specification;
            bool expected = specification.Slots.Any(s => s.Quantifier.Kind is QuantifierKind.ScopeCalls or QuantifierKind.Changes);
            Assert.Equal(expected, MonitorRegistry.UsesScopeTime(specification));
            seen.Add(expected);
        }

        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public void Random_traces_decide_both_ways_through_many_different_atoms()
    {
        int verdicts = 0;
        int trueVerdicts = 0;
        int tracesWithVerdicts = 0;
        int longerObservations = 0;
        var decidingAtoms = new HashSet<int>();
        var severities = new HashSet<double>();
        for (int seed = 0; seed < Seeds; seed++)
        {
            IReadOnlyList<ExpectedVerdict> result = ReferenceEvaluator.Evaluate(RandomTraces.Generate(seed));
            verdicts += result.Count;
            trueVerdicts += result.Count(v => v.Value);
            tracesWithVerdicts += result.Count > 0 ? 1 : 0;
            longerObservations += result.Count(v => v.ObservedAtoms.Count > 1);
            decidingAtoms.UnionWith(result.Select(v => v.DecidingAtom));
            severities.UnionWith(result.Select(v => v.Severity));
        }

        string summary = $"{verdicts} verdicts ({trueVerdicts} true) from {tracesWithVerdicts} of {Seeds} traces; "
            + $"{longerObservations} decided after several observations; deciding atoms {string.Join(",", decidingAtoms.Order())}";
        Assert.True(tracesWithVerdicts > Seeds / 2, summary);
        Assert.True(trueVerdicts > verdicts / 5, summary);
        Assert.True(verdicts - trueVerdicts > verdicts / 5, summary);
        Assert.True(longerObservations > verdicts / 10, summary);
        Assert.True(decidingAtoms.Count >= 5, summary);
        Assert.True(severities.Count >= 10, summary);
    }

    [Fact]
    public void Random_specifications_use_every_feature_of_the_language()
    {
        var features = new HashSet<string>();
        for (int seed = 0; seed < Seeds; seed++)
        {
            Specification specification = RandomTraces.Generate(seed).Specification;
            features.Add("quantifiers:" + specification.QuantifierCount);
            foreach (BindingSlot slot in specification.Slots)
            {
                features.Add((slot.IsNextCall ? "next " : "forall ") + slot.Quantifier.Kind + (slot.AfterSlot >= 0 ? " after" : string.Empty)
                    + (slot.Quantifier is { Kind: QuantifierKind.Calls, DeclaringType: null } ? " any type" : string.Empty));
            }

            features.UnionWith(Features(specification.Body));
        }

        string[] required =
        [
            "quantifiers:1", "quantifiers:2", "quantifiers:3",
            "forall Calls", "forall Calls after", "forall Calls any type", "forall Changes", "forall Changes after", "forall ScopeCalls",
            "next Calls after", "next Calls after any type",
            "&", "|", "!", "if",
            "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "Equal", "NotEqual",
            "In [", "In (", "In [)", "In (]", "In duration",
            "Duration", "Argument", "Result", "Value", "Start", "End", "Length", "text", "null",
            "Add", "Subtract", "Multiply", "Divide", "measured right",
        ];
        Assert.Empty(required.Except(features));
    }

    [Fact]
    public void Random_traces_are_well_formed_and_repeatable()
    {
        for (int seed = 0; seed < 300; seed++)
        {
            Trace trace = RandomTraces.Generate(seed);
            Assert.Equal(RandomTraces.Describe(trace), RandomTraces.Describe(RandomTraces.Generate(seed)));
            Assert.Equal(Enumerable.Range(1, trace.Points.Count), trace.Points.Select(p => p.Id));
            Dictionary<int, TracePoint> points = trace.Points.ToDictionary(p => p.Id);
            foreach (IGrouping<long, TraceEvent> invocation in trace.Events.GroupBy(e => e.Invocation))
            {
                TraceEvent[] events = invocation.ToArray();
                Assert.NotEqual(0, invocation.Key);
                Assert.Equal(Enumerable.Range(1, events.Length), events.Select(e => e.Seq));
                Assert.Equal(PointKind.ScopeCall, points[events[^1].Point].Kind);
                Assert.Single(events, e => points[e.Point].Kind == PointKind.ScopeCall);
                Assert.All(events, e => Assert.Equal(points[e.Point].Captures.Count, e.Values.Count));
                Assert.All(events, e => Assert.True(e.Start <= e.End));
                Assert.All(events, e => Assert.True(e.Start >= events[^1].Start && e.End <= events[^1].End));
                Assert.All(events.Where(e => points[e.Point].Kind == PointKind.Change), e => Assert.Equal(e.Start, e.End));

                // Events are recorded as they end.
                Assert.All(events.Zip(events.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.End));
            }
        }
    }

    private static IEnumerable<string> Features(Formula formula) => formula switch
    {
        Vypr.Formulas.Atom atom => AtomFeatures(atom),
        Vypr.Formulas.Conjunction and => Features(and.Left).Concat(Features(and.Right)).Append("&"),
        Vypr.Formulas.Disjunction or => Features(or.Left).Concat(Features(or.Right)).Append("|"),
        Vypr.Formulas.Negation not => Features(not.Operand).Append("!"),
        Vypr.Formulas.Implication implication => Features(implication.Condition).Concat(Features(implication.Consequence)).Append("if"),
        _ => [],
    };

    private static IEnumerable<string> AtomFeatures(Vypr.Formulas.Atom atom)
    {
        yield return atom.Comparison.ToString();
        if (atom.Interval is { } bounds)
        {
            yield return "In " + (bounds.LowerClosed ? "[" : "(") + (bounds.UpperClosed ? "]" : ")");
            yield return "In " + (bounds.LowerClosed ? "[" : "(");
            if (bounds.IsDuration)
            {
                yield return "In duration";
            }
        }

        if (atom.Right is Vypr.Formulas.ConstantTerm { IsText: true } text)
        {
            yield return text.Text is null ? "null" : "text";
        }
        else if (atom.Right is not null and not Vypr.Formulas.ConstantTerm)
        {
            yield return "measured right";
        }

        foreach (string feature in TermFeatures(atom.Left).Concat(atom.Right is null ? [] : TermFeatures(atom.Right)))
        {
            yield return feature;
        }
    }

    private static IEnumerable<string> TermFeatures(Vypr.Formulas.Term term) => term switch
    {
        Vypr.Formulas.MeasuredTerm measured => measured.Length ? [measured.Measurement.ToString(), "Length"] : [measured.Measurement.ToString()],
        Vypr.Formulas.ArithmeticTerm arithmetic => TermFeatures(arithmetic.Left).Concat(TermFeatures(arithmetic.Right)).Append(arithmetic.Operator.ToString()),
        _ => [],
    };

    private static string Report(int seed, Trace trace, IReadOnlyList<ExpectedVerdict> expected, IReadOnlyList<ExpectedVerdict>? actual)
    {
        var text = new StringBuilder();
        text.AppendLine($"seed {seed} (RandomTraces.Generate({seed})): {trace.Specification}");
        if (actual is not null)
        {
            int first = 0;
            while (first < expected.Count && first < actual.Count && expected[first].Equals(actual[first]))
            {
                first++;
            }

            text.AppendLine($"{expected.Count} verdicts expected, {actual.Count} produced; first difference at #{first}:");
            text.AppendLine("  expected: " + (first < expected.Count ? expected[first].ToString() : "(none)"));
            text.AppendLine("  actual:   " + (first < actual.Count ? actual[first].ToString() : "(none)"));
            text.AppendLine("all expected:");
            foreach (ExpectedVerdict verdict in expected)
            {
                text.AppendLine("  " + verdict);
            }

            text.AppendLine("all actual:");
            foreach (ExpectedVerdict verdict in actual)
            {
                text.AppendLine("  " + verdict);
            }
        }

        text.Append(RandomTraces.Describe(trace));
        return text.ToString();
    }
}
