using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using Vypr.Formulas;
using Vypr.Runtime.Monitoring;

namespace Vypr.Runtime.Tests.Formulas;

/// <summary>
/// Seeded random specifications (built through the real fluent API) and traces for them. Value domains are kept
/// tiny (numbers 0..3, texts "a" and "b", durations of a few ticks) so that comparisons go both ways and both
/// verdict values are common; points and events are drawn so that slots sometimes cannot be filled.
/// </summary>
internal static class RandomTraces
{
    private static readonly string[] s_names = ["p", "q", "r"];
    private static readonly string[] s_texts = ["a", "b"];
    private static readonly string[] s_variables = ["x", "y", "n"];

    // Every (type, method) a call point can target; quantifiers name some of them, the rest are decoys. Read exists
    // on two types so that Calls.To("Read") and Calls.To<Store>("Read") differ.
    private static readonly (Type Type, string Method)[] s_targets =
    [
        (typeof(Store), nameof(Store.Read)),
        (typeof(Store), nameof(Store.Write)),
        (typeof(Cache), nameof(Cache.Read)),
        (typeof(Cache), nameof(Cache.Get)),
    ];

    // Captures that no formula reads, added to some points to check values are found by name, not by position.
    private static readonly string[] s_extraCaptures = ["arg:n", "arg:s", "arg:z", "result", "value", "value#length", "arg:s#length", "result#length"];

    /// <summary>The duration of one timestamp tick, so that duration bounds are a few ticks on any platform.</summary>
    public static double TickNanoseconds { get; } = 1e9 / Stopwatch.Frequency;

    public static Trace Generate(int seed)
    {
        var random = new Random(seed);
        Specification specification = RandomSpecification(random);
        IReadOnlyList<TracePoint> points = RandomPoints(random, specification);
        IReadOnlyList<TraceEvent> events = RandomEvents(random, specification, points);
        return new Trace(specification, points, events);
    }

    /// <summary>The trace in a readable form, for assertion messages.</summary>
    public static string Describe(Trace trace)
    {
        var text = new StringBuilder();
        text.AppendLine("slots:");
        foreach (BindingSlot slot in trace.Specification.Slots)
        {
            text.AppendLine($"  {slot.Index} {slot.Name} = {slot.Quantifier} after={slot.AfterSlot} next={slot.IsNextCall}");
        }

        text.AppendLine("atoms:");
        foreach (Atom atom in trace.Specification.Atoms)
        {
            text.AppendLine($"  {atom.Index}: {atom}");
        }

        text.AppendLine("points:");
        foreach (TracePoint point in trace.Points)
        {
            string target = point.Kind switch
            {
                PointKind.Call => point.DeclaringType + "." + point.Method,
                PointKind.Change => point.Variable ?? "?",
                _ => "scope",
            };
            text.AppendLine($"  {point.Id} {point.Kind} {target} [{string.Join(", ", point.Captures)}]");
        }

        text.AppendLine("events (invocation:seq point start..end values):");
        foreach (TraceEvent e in trace.Events)
        {
            string values = string.Join(", ", e.Values.Select(FormatValue));
            text.AppendLine($"  {e.Invocation}:{e.Seq} @{e.Point} {e.Start}..{e.End}{(e.Threw ? " threw" : string.Empty)} [{values}]");
        }

        return text.ToString();
    }

    private static string FormatValue(object? value) => value switch
    {
        null => "null",
        string text => "\"" + text + "\"",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "?",
    };

    // ---- specifications -------------------------------------------------------------------------------------

    private static Specification RandomSpecification(Random random)
    {
        int count = 1 + random.Next(3);
        var quantifiers = new Quantifier[count];
        for (int i = 0; i < count; i++)
        {
            quantifiers[i] = RandomQuantifier(random, i);
        }

        var plan = new Plan(random, quantifiers);
        ScopedSpecification scoped = Specification.For<Service>(nameof(Service.Handle));
        return quantifiers[0] switch
        {
            CallQuantifier calls => Continue(scoped.Forall(s_names[0], calls), plan),
            ChangeQuantifier changes => Continue(scoped.Forall(s_names[0], changes), plan),
            _ => throw new UnreachableException(),
        };
    }

    private static Quantifier RandomQuantifier(Random random, int index)
    {
        // Slot 0 cannot come after anything; later slots often come after a random earlier one.
        string? after = index > 0 && random.NextDouble() < 0.45 ? s_names[random.Next(index)] : null;
        double kind = random.NextDouble();
        if (kind < (index == 0 ? 0.12 : 0.05))
        {
            // The scoped call starts before everything else in its invocation, so "after" leaves it unfillable.
            CallQuantifier scope = Calls.OfScope();
            return after is null || random.Next(4) > 0 ? scope : scope.After(after);
        }

        if (kind < 0.55)
        {
            CallQuantifier calls = random.Next(6) switch
            {
                0 => Calls.To<Store>(nameof(Store.Read)),
                1 => Calls.To<Store>(nameof(Store.Write)),
                2 => Calls.To<Cache>(nameof(Cache.Read)),
                3 => Calls.To<Cache>(nameof(Cache.Get)),
                4 => Calls.To(nameof(Store.Read)),
                _ => Calls.To(nameof(Store.Write)),
            };
            return after is null ? calls : calls.After(after);
        }

        ChangeQuantifier changes = Changes.Of(s_variables[random.Next(s_variables.Length)]);
        return after is null ? changes : changes.After(after);
    }

    // The fluent API types each stage by its bindings, so the chain is continued through one generic method per
    // arity; the formula itself is built over the untyped bindings.
    private static Specification Continue<T1>(Quantified<T1> stage, Plan plan)
        where T1 : Binding =>
        plan.Count == 1
            ? stage.Check(a => plan.Build([a]))
            : plan.Quantifiers[1] switch
            {
                CallQuantifier calls => Continue(stage.Forall(s_names[1], calls), plan),
                ChangeQuantifier changes => Continue(stage.Forall(s_names[1], changes), plan),
                _ => throw new UnreachableException(),
            };

    private static Specification Continue<T1, T2>(Quantified<T1, T2> stage, Plan plan)
        where T1 : Binding
        where T2 : Binding =>
        plan.Count == 2
            ? stage.Check((a, b) => plan.Build([a, b]))
            : plan.Quantifiers[2] switch
            {
                CallQuantifier calls => Continue(stage.Forall(s_names[2], calls), plan),
                ChangeQuantifier changes => Continue(stage.Forall(s_names[2], changes), plan),
                _ => throw new UnreachableException(),
            };

    private static Specification Continue<T1, T2, T3>(Quantified<T1, T2, T3> stage, Plan plan)
        where T1 : Binding
        where T2 : Binding
        where T3 : Binding =>
        stage.Check((a, b, c) => plan.Build([a, b, c]));

    // ---- points ---------------------------------------------------------------------------------------------

    private static IReadOnlyList<TracePoint> RandomPoints(Random random, Specification specification)
    {
        // A point carries every capture that any slot of its kind reads, whether or not it matches that slot, so a
        // trace never lacks a value whichever way matching is decided.
        var callReads = new SortedSet<string>(StringComparer.Ordinal);
        var changeReads = new SortedSet<string>(StringComparer.Ordinal);
        var scopeReads = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Atom atom in specification.Atoms)
        {
            foreach (MeasuredTerm measured in Measured(atom.Left).Concat(atom.Right is null ? [] : Measured(atom.Right)))
            {
                if (measured.CaptureName is not { } capture)
                {
                    continue;
                }

                SortedSet<string> reads = specification.Slots[measured.Slot].Quantifier.Kind switch
                {
                    QuantifierKind.Calls => callReads,
                    QuantifierKind.Changes => changeReads,
                    _ => scopeReads,
                };
                reads.Add(capture);
            }
        }

        var points = new List<TracePoint>();
        void Add(PointKind kind, string? method, string? declaringType, string? variable, SortedSet<string> reads)
        {
            var captures = new List<string>(reads);
            foreach (string extra in s_extraCaptures)
            {
                if (!captures.Contains(extra) && random.NextDouble() < 0.1)
                {
                    captures.Add(extra);
                }
            }

            // Values are aligned with captures by position; shuffling makes a reader that assumes an order fail.
            Shuffle(random, captures);
            points.Add(new TracePoint(points.Count + 1, kind, method, declaringType, variable, captures));
        }

        foreach ((Type type, string method) in s_targets)
        {
            bool named = specification.Slots.Any(s => ReferenceEvaluator.Matches(s, new TracePoint(0, PointKind.Call, method, type.FullName, null, [])));
            for (int i = PointCount(random, named); i > 0; i--)
            {
                Add(PointKind.Call, method, type.FullName, null, callReads);
            }
        }

        foreach (string variable in s_variables)
        {
            bool named = specification.Slots.Any(s => ReferenceEvaluator.Matches(s, new TracePoint(0, PointKind.Change, null, null, variable, [])));
            for (int i = PointCount(random, named); i > 0; i--)
            {
                Add(PointKind.Change, null, null, variable, changeReads);
            }
        }

        for (int i = 1 + random.Next(2); i > 0; i--)
        {
            Add(PointKind.ScopeCall, nameof(Service.Handle), typeof(Service).FullName, null, scopeReads);
        }

        return points;
    }

    // Mostly one point, sometimes two (one binding per point), and sometimes none: rarely for a target the
    // specification names (its slot can then never be filled), more often for the others.
    private static int PointCount(Random random, bool named) => random.NextDouble() switch
    {
        var roll when roll < (named ? 0.03 : 0.3) => 0,
        < 0.75 => 1,
        _ => 2,
    };

    // ---- events ---------------------------------------------------------------------------------------------

    private static IReadOnlyList<TraceEvent> RandomEvents(Random random, Specification specification, IReadOnlyList<TracePoint> points)
    {
        TracePoint[] body = points.Where(p => p.Kind != PointKind.ScopeCall).ToArray();

        // Events mostly happen where the specification looks, so that most traces fill some bindings.
        TracePoint[] relevant = body.Where(p => specification.Slots.Any(s => ReferenceEvaluator.Matches(s, p))).ToArray();
        TracePoint[] parameters = points.Where(p => p.Kind == PointKind.Change && p.Variable == "n").ToArray();
        TracePoint[] scopes = points.Where(p => p.Kind == PointKind.ScopeCall).ToArray();

        int invocationCount = 1 + random.Next(3);
        long[] ids = Enumerable.Range(1, 6).Select(i => (long)i).OrderBy(_ => random.Next()).Take(invocationCount).ToArray();
        var invocations = ids.Select(id => new Queue<TraceEvent>(RandomInvocation(random, id, body, relevant, parameters, scopes))).ToList();

        // Invocations on other threads or flows interleave arbitrarily; each keeps its own order.
        var events = new List<TraceEvent>();
        while (invocations.Count > 0)
        {
            int pick = random.Next(invocations.Count);
            events.Add(invocations[pick].Dequeue());
            if (invocations[pick].Count == 0)
            {
                invocations.RemoveAt(pick);
            }
        }

        return events;
    }

    private static List<TraceEvent> RandomInvocation(Random random, long id, TracePoint[] body, TracePoint[] relevant, TracePoint[] parameters, TracePoint[] scopes)
    {
        var events = new List<TraceEvent>();
        long start = random.Next(0, 5);
        long now = start;
        void Record(TracePoint point, long from, long to, bool threw) =>
            events.Add(new TraceEvent(id, events.Count + 1, point.Id, from, to, threw, point.Captures.Select(c => RandomValue(random, c)).ToArray()));

        // Parameters are recorded at entry, before anything else.
        foreach (TracePoint parameter in parameters)
        {
            if (random.NextDouble() < 0.8)
            {
                Record(parameter, start, start, threw: false);
            }
        }

        // Events are recorded when they end, so ends never decrease; equal timestamps are common on purpose. Most
        // calls start once the previous event is over (sequential code); some overlap earlier events (an awaited
        // call started before them), but none starts before the invocation.
        int count = body.Length == 0 ? 0 : random.Next(1, 15);
        for (int i = 0; i < count; i++)
        {
            TracePoint[] from = relevant.Length > 0 && random.NextDouble() < 0.8 ? relevant : body;
            TracePoint point = from[random.Next(from.Length)];
            if (point.Kind == PointKind.Change)
            {
                now += random.Next(0, 2);
                Record(point, now, now, threw: false);
            }
            else if (random.NextDouble() < 0.75)
            {
                long callStart = now + random.Next(0, 2);
                now = callStart + random.Next(0, 3);
                Record(point, callStart, now, threw: random.NextDouble() < 0.15);
            }
            else
            {
                now += random.Next(0, 3);
                Record(point, Math.Max(start, now - random.Next(0, 5)), now, threw: random.NextDouble() < 0.15);
            }
        }

        // The scoped call itself is recorded last and spans the whole invocation.
        Record(scopes[random.Next(scopes.Length)], start, now + random.Next(0, 2), threw: random.NextDouble() < 0.1);
        return events;
    }

    private static object? RandomValue(Random random, string capture)
    {
        if (capture.EndsWith("#length", StringComparison.Ordinal))
        {
            return random.NextDouble() < 0.1 ? null : (double)random.Next(0, 4);
        }

        double roll = random.NextDouble();
        return roll switch
        {
            < 0.55 => (double)random.Next(0, 4),
            < 0.60 => random.Next(3) switch { 0 => 1.5, 1 => -1.0, _ => double.NaN },
            < 0.85 => s_texts[random.Next(s_texts.Length)],
            _ => null,
        };
    }

    private static void Shuffle<T>(Random random, List<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static IEnumerable<MeasuredTerm> Measured(Term term) => term switch
    {
        MeasuredTerm measured => [measured],
        ArithmeticTerm arithmetic => Measured(arithmetic.Left).Concat(Measured(arithmetic.Right)),
        _ => [],
    };

    // ---- the types the random specifications talk about ------------------------------------------------------

    internal sealed class Service
    {
        public static double Handle(double n, string s) => n + s.Length;
    }

    internal sealed class Store
    {
        public static double Read(double n, string s) => n + s.Length;

        public static double Write(double n, string s) => n - s.Length;
    }

    internal sealed class Cache
    {
        public static double Read(double n, string s) => n * s.Length;

        public static double Get(double n) => n;
    }

    // Builds a random formula over the bindings of one specification: used once, inside its Check.
    private sealed class Plan(Random random, Quantifier[] quantifiers)
    {
        private readonly List<CallBinding> _nextCalls = [];
        private List<Binding> _bindings = [];

        public Quantifier[] Quantifiers { get; } = quantifiers;

        public int Count => Quantifiers.Length;

        public Formula Build(Binding[] bindings)
        {
            _bindings = [.. bindings];
            return RandomFormula(3);
        }

        private Formula RandomFormula(int depth)
        {
            if (depth == 0 || random.NextDouble() < 0.35)
            {
                return RandomAtom();
            }

            return random.Next(7) switch
            {
                0 => RandomFormula(depth - 1) & RandomFormula(depth - 1),
                1 => Formula.And(RandomFormula(depth - 1), RandomFormula(depth - 1)),
                2 => RandomFormula(depth - 1) | RandomFormula(depth - 1),
                3 => Formula.Or(RandomFormula(depth - 1), RandomFormula(depth - 1)),
                4 => !RandomFormula(depth - 1),
                _ => Formula.If(RandomFormula(depth - 1)).Then(RandomFormula(depth - 1)),
            };
        }

        private Formula RandomAtom() => random.NextDouble() < 0.45 ? DurationAtom() : ValueAtom();

        private Formula DurationAtom()
        {
            DurationTerm term = RandomDuration(0);
            int op = random.Next(6);
            return random.Next(10) switch
            {
                < 6 => CompareDuration(term, op, RandomDurationConstant()),
                < 8 => term.In(RandomDurationInterval()),
                _ => CompareDurations(term, op, RandomDuration(1)),
            };
        }

        private Formula ValueAtom()
        {
            ValueTerm term = RandomValue(0);
            int op = random.Next(6);
            return random.Next(10) switch
            {
                < 4 => CompareValue(term, op, RandomNumber()),
                < 6 => random.Next(2) == 0 ? term == RandomText() : term != RandomText(),
                < 8 => CompareValues(term, op, RandomValue(1)),
                _ => term.In(RandomNumberInterval()),
            };
        }

        private DurationTerm RandomDuration(int depth)
        {
            int kind = depth < 2 ? random.Next(10) : random.Next(5);
            return kind switch
            {
                < 3 => RandomCall().Duration(),
                < 5 => Time.Between(RandomMoment(), RandomMoment()),
                5 => RandomDuration(depth + 1) * RandomFactor(),
                6 => RandomFactor() * RandomDuration(depth + 1),
                7 => random.Next(3) switch
                {
                    0 => RandomDuration(depth + 1) + RandomDurationConstant(),
                    1 => RandomDuration(depth + 1) - RandomDurationConstant(),
                    _ => RandomDuration(depth + 1) / 2,
                },
                8 => random.Next(2) == 0
                    ? RandomDuration(depth + 1) + RandomDuration(depth + 1)
                    : RandomDuration(depth + 1) - RandomDuration(depth + 1),
                _ => RandomValue(depth + 1).AsDuration(DurationUnit.Nanoseconds),
            };
        }

        private ValueTerm RandomValue(int depth)
        {
            if (depth < 2 && random.NextDouble() < 0.2)
            {
                ValueTerm left = RandomValue(depth + 1);
                bool constant = random.Next(2) == 0;
                return random.Next(4) switch
                {
                    0 => constant ? left + RandomNumber() : left + RandomValue(depth + 1),
                    1 => constant ? left - RandomNumber() : left - RandomValue(depth + 1),
                    2 => constant ? left * 0.5 : left * RandomValue(depth + 1),
                    _ => constant ? left / 2 : left / RandomValue(depth + 1),
                };
            }

            ValueTerm value = RandomBinding() switch
            {
                CallBinding call => random.Next(3) switch
                {
                    0 => call.Argument("n"),
                    1 => call.Argument("s"),
                    _ => call.Result(),
                },
                StateBinding state => state.Value(),
                _ => throw new UnreachableException(),
            };
            return random.NextDouble() < 0.15 ? value.Length() : value;
        }

        private Moment RandomMoment() => RandomBinding() switch
        {
            CallBinding call => random.Next(2) == 0 ? call.Start() : call.End(),
            StateBinding state => state,
            _ => throw new UnreachableException(),
        };

        // An explicit binding, or sometimes the next call after a state.
        private Binding RandomBinding()
        {
            Binding binding = _bindings[random.Next(_bindings.Count)];
            return binding is StateBinding state && random.NextDouble() < 0.2 ? NextCall(state) : binding;
        }

        private CallBinding RandomCall()
        {
            Binding binding = RandomBinding();
            if (binding is CallBinding call)
            {
                return call;
            }

            CallBinding? explicitCall = _bindings.OfType<CallBinding>().FirstOrDefault();
            return explicitCall is not null && random.Next(2) == 0 ? explicitCall : NextCall((StateBinding)binding);
        }

        // Few targets and at most two next calls per formula: a binding needing many would rarely be complete.
        private CallBinding NextCall(StateBinding state)
        {
            if (_nextCalls.Count >= 2)
            {
                return _nextCalls[random.Next(_nextCalls.Count)];
            }

            CallBinding next = random.Next(3) switch
            {
                0 => state.NextCall<Store>(nameof(Store.Write)),
                1 => state.NextCall(nameof(Cache.Read)),
                _ => state.NextCall<Cache>(nameof(Cache.Get)),
            };
            if (!_nextCalls.Exists(c => c.Slot == next.Slot))
            {
                _nextCalls.Add(next);
            }

            return next;
        }

        private double RandomNumber() => random.Next(6) == 0 ? 1.5 : random.Next(0, 4);

        private string? RandomText() => random.Next(5) == 0 ? null : s_texts[random.Next(s_texts.Length)];

        private double RandomFactor() => random.Next(2) == 0 ? 2 : 0.5;

        private Duration RandomDurationConstant() => Duration.Nanoseconds(random.Next(0, 5) * TickNanoseconds);

        private Interval<double> RandomNumberInterval()
        {
            double lower = random.Next(0, 3);
            double upper = lower + random.Next(0, 3);
            return random.Next(4) switch
            {
                0 => Interval.Closed(lower, upper),
                1 => Interval.Open(lower, upper),
                2 => Interval.ClosedOpen(lower, upper),
                _ => Interval.OpenClosed(lower, upper),
            };
        }

        private Interval<Duration> RandomDurationInterval()
        {
            int lower = random.Next(0, 3);
            int upper = lower + random.Next(0, 3);
            Duration from = Duration.Nanoseconds(lower * TickNanoseconds);
            Duration to = Duration.Nanoseconds(upper * TickNanoseconds);
            return random.Next(4) switch
            {
                0 => Interval.Closed(from, to),
                1 => Interval.Open(from, to),
                2 => Interval.ClosedOpen(from, to),
                _ => Interval.OpenClosed(from, to),
            };
        }

        private static Formula CompareValue(ValueTerm left, int op, double right) => op switch
        {
            0 => left < right,
            1 => left <= right,
            2 => left > right,
            3 => left >= right,
            4 => left == right,
            _ => left != right,
        };

        private static Formula CompareValues(ValueTerm left, int op, ValueTerm right) => op switch
        {
            0 => left < right,
            1 => left <= right,
            2 => left > right,
            3 => left >= right,
            4 => left == right,
            _ => left != right,
        };

        private static Formula CompareDuration(DurationTerm left, int op, Duration right) => op switch
        {
            0 => left < right,
            1 => left <= right,
            2 => left > right,
            3 => left >= right,
            4 => left == right,
            _ => left != right,
        };

        private static Formula CompareDurations(DurationTerm left, int op, DurationTerm right) => op switch
        {
            0 => left < right,
            1 => left <= right,
            2 => left > right,
            3 => left >= right,
            4 => left == right,
            _ => left != right,
        };
    }
}
