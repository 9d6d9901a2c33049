using System;
using System.Collections.Generic;

namespace Vypr.Runtime.Monitoring;

/// <summary>
/// Puts the formula records of each invocation back in recording order and hands them to the monitors of their
/// specifications. An invocation's events may be recorded on several threads (async continuations) and so drained
/// from several rings in any order; each record carries its position, and a record that arrives early waits here
/// until the ones before it have arrived. Used only under <see cref="RuntimeMonitor"/>'s drain lock, as is every
/// monitor it feeds, so none of them synchronises.
/// </summary>
internal sealed class InvocationRouter
{
    // Invocations whose records are still arriving (see InvocationTable: an invocation recorded on one thread and
    // drained in one piece, the common case, opens and closes as its current entry, without touching its dictionary).
    // A mutable struct: never make this field readonly.
    private InvocationTable<InvocationOrder> _orders = new();
    private readonly Dictionary<int, FormulaMonitor?> _monitors = [];
    private readonly Func<int, PointInfo> _point;
    private readonly Func<int, FormulaMonitor?> _createMonitor;
    private readonly Func<IReadOnlyList<PointInfo>>? _points;

    // Per registered point ID: the point, its specification's monitor and its index in that monitor's plan, resolved
    // on the point's first record so that every later record is one array read.
    private Route?[] _routes = [];

    /// <param name="point">Looks up a registered point.</param>
    /// <param name="createMonitor">Creates the monitor of a specification, or null when it cannot be checked (it failed to build).</param>
    /// <param name="points">Every point registered so far: a point first seen for an existing monitor brings its specification's other points with it.</param>
    public InvocationRouter(Func<int, PointInfo> point, Func<int, FormulaMonitor?> createMonitor, Func<IReadOnlyList<PointInfo>>? points = null)
    {
        _point = point;
        _createMonitor = createMonitor;
        _points = points;
    }

    /// <summary>Invocations whose records are still arriving.</summary>
    public int OpenInvocations => _orders.Count;

    /// <summary>
    /// The invocations whose records are still arriving, as the run's end (or a test's) finds them: one that never
    /// ended, or records that wait for an earlier record of their invocation that never came (among them records
    /// written after their invocation had ended). Either way some of its verdicts are missing, and the run says so.
    /// </summary>
    /// <param name="testId">Only the invocations begun by this test; every one when null.</param>
    /// <returns>The open invocations, by invocation.</returns>
    public List<OpenInvocation> Open(int? testId = null)
    {
        var open = new List<OpenInvocation>();
        foreach (InvocationOrder order in _orders.InDictionary)
        {
            Add(order);
        }

        if (_orders.OpenCurrent is { } current)
        {
            Add(current);
        }

        open.Sort(static (a, b) => a.Invocation.CompareTo(b.Invocation));
        return open;

        void Add(InvocationOrder order)
        {
            int test = order.TestId;
            int point = order.Point;
            foreach (EarlyRecord early in order.Early)
            {
                if (test == 0)
                {
                    test = early.Record.TestId;
                }

                if (point == 0)
                {
                    point = early.Record.CallSiteId;
                }
            }

            if (testId is null || testId == test)
            {
                open.Add(new OpenInvocation(order.Scope, test, point, order.Next, order.Early.Count));
            }
        }
    }

    /// <summary>Takes one drained record: a value waits for its event; an event, enter or exit is put in order.</summary>
    /// <param name="record">The record.</param>
    /// <param name="pendingValues">The values its thread captured for the event still to come.</param>
    /// <param name="threadId">The thread that wrote it.</param>
    /// <param name="text">For a text value: the text (records hold no references).</param>
    public void Take(in CallRecord record, List<CapturedValue> pendingValues, int threadId, object? text = null)
    {
        if (record.Kind >= RecordKind.NumberValue)
        {
            pendingValues.Add(CapturedValue.From(record, text));
            return;
        }

        // Records come in runs from the same invocation: the current one is checked before the table.
        InvocationOrder? order = _orders.Current;
        if (order is null || order.Scope != record.Scope)
        {
            order = _orders.Find(record.Scope, out bool isNew);
            if (isNew)
            {
                order.Next = 1;
            }
        }

        if (record.Sequence != order.Next)
        {
            WaitEarly(order, record, pendingValues, threadId);
            return;
        }

        // Most events capture no value: their list stays empty and untouched.
        if (pendingValues.Count == 0)
        {
            Dispatch(record, default, threadId, order);
        }
        else
        {
            Dispatch(record, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pendingValues), threadId, order);
            pendingValues.Clear();
        }

        order.Next++;
        if (order.Early.Count > 0 && !order.Ended)
        {
            ReleaseEarly(order);
        }

        if (order.Ended)
        {
            // The order is current (found or made current above).
            _orders.Remove(record.Scope);

            // Records numbered after the exit were taken before it (the drain reads each thread's records in turn, and
            // a call the invocation did not await may complete, and record, on another thread): they are late, and
            // wait for ever as a record arriving after the end would (OpenInvocationText reports both alike).
            if (order.Early.Count > 0)
            {
                FileLate(record.Scope, order.Early);
            }

            order.TestId = 0;
            order.Point = 0;

            // The first and last monitors stay as they are (monitors live as long as the router): the next invocation
            // of this order, usually of the same specification, then finds them equal to its own and stores nothing,
            // which saves two write barriers per invocation. Reached says whether they belong to the invocation.
            order.Reached = false;
            if (order.Monitors.Count > 0)
            {
                order.Monitors.Clear();
            }

            if (order.Early.Count > 0)
            {
                order.Early.Clear();
            }

            order.Ended = false;
            _orders.Recycle(order);
        }
    }

    // Out of Take, as ReleaseEarly is: an early record's locals hold references, which the JIT zeroes in the prologue of
    // the method declaring them, so in Take they would be zeroed on every record.
    private static void WaitEarly(InvocationOrder order, in CallRecord record, List<CapturedValue> pendingValues, int threadId)
    {
        order.Early.Add(new EarlyRecord(record, pendingValues.ToArray(), threadId));
        pendingValues.Clear();
    }

    // Records that came early are released as soon as the gap before them closes, but never past the exit: a record
    // numbered after it came after the invocation had ended (see Take).
    private void ReleaseEarly(InvocationOrder order)
    {
        while (order.Early.Count > 0 && !order.Ended)
        {
            int index = IndexOf(order.Early, order.Next);
            if (index < 0)
            {
                break;
            }

            EarlyRecord early = order.Early[index];
            order.Early.RemoveAt(index);
            Dispatch(early.Record, early.Values, early.ThreadId, order);
            order.Next++;
        }
    }

    private void Dispatch(in CallRecord record, ReadOnlySpan<CapturedValue> values, int threadId, InvocationOrder order)
    {
        if (record.TestId != 0)
        {
            order.TestId = record.TestId;
        }

        if (order.Point == 0)
        {
            order.Point = record.CallSiteId;
        }

        if (record.Kind == RecordKind.Exit)
        {
            if (order.Reached)
            {
                order.FirstMonitor!.End(record.Scope);
                if (order.Monitors.Count > 0)
                {
                    EndOthers(order.Monitors, record.Scope);
                }
            }

            order.Ended = true;
            return;
        }

        Route route = RouteOf(record.CallSiteId);
        if (route.Monitor is not { } target)
        {
            return;
        }

        // Usually the one monitor already seen: compare with the last one before searching the list (and store nothing,
        // which would cost a write barrier per event). The first monitor is kept out of the list, so an invocation of
        // one specification opens and closes without list work; the first and last monitors are left from the order's
        // previous invocation (see the end in Take), so storing them costs nothing when they are the same.
        if (!order.Reached)
        {
            if (!ReferenceEquals(order.FirstMonitor, target))
            {
                order.FirstMonitor = target;
            }

            if (!ReferenceEquals(order.LastMonitor, target))
            {
                order.LastMonitor = target;
            }

            order.Reached = true;
        }
        else if (!ReferenceEquals(order.LastMonitor, target))
        {
            if (!ReferenceEquals(order.FirstMonitor, target) && !order.Monitors.Contains(target))
            {
                order.Monitors.Add(target);
            }

            order.LastMonitor = target;
        }

        var e = new BoundEvent(record.Scope, record.Sequence, record.StartTimestamp, record.EndTimestamp, record.Threw, record.TestId, threadId);
        if (record.Kind == RecordKind.Enter)
        {
            target.Enter(e, route.Point.CallSiteId);
        }
        else
        {
            target.Take(e, route.LocalPoint, values);
        }
    }

    // Out of Dispatch, so that its enumerator does not widen Dispatch's frame.
    private static void EndOthers(List<FormulaMonitor> monitors, long scope)
    {
        foreach (FormulaMonitor monitor in monitors)
        {
            monitor.End(scope);
        }
    }

    private Route RouteOf(int pointId)
    {
        Route?[] routes = _routes;
        return (uint)pointId < (uint)routes.Length && routes[pointId] is { } route ? route : AddRoute(pointId);
    }

    private Route AddRoute(int pointId)
    {
        if (pointId >= _routes.Length)
        {
            Array.Resize(ref _routes, Math.Max(pointId + 1, _routes.Length * 2));
        }

        PointInfo point = _point(pointId);
        if (!_monitors.TryGetValue(point.SpecificationId, out FormulaMonitor? monitor))
        {
            monitor = _createMonitor(point.SpecificationId);
            _monitors.Add(point.SpecificationId, monitor);
        }
        else if (monitor is not null && _points is not null)
        {
            // A point of a specification whose monitor exists: another assembly registered the specification's key
            // after the monitor was made (a library's specification whose scoped method a test project calls, two
            // programs in one process). A binding forks over the points its monitor knows when it is created, so the
            // assembly's other points must be known before its first invocation binds anything, or the bindings of
            // its first invocations wait at the other points only and their verdicts are lost. An assembly registers
            // all its points before any of its records: add them all now.
            foreach (PointInfo other in _points())
            {
                if (other.SpecificationId == point.SpecificationId)
                {
                    monitor.LocalPointOf(other);
                }
            }
        }

        var route = new Route(point, monitor, monitor?.LocalPointOf(point) ?? -1);
        _routes[pointId] = route;
        return route;
    }

    // The late records of an ended invocation, in an order of their own that waits for its first record, as one made
    // for a record that arrives after its invocation's end does.
    private void FileLate(long scope, List<EarlyRecord> early)
    {
        InvocationOrder late = _orders.AddToDictionary(scope);
        late.Next = 1;
        late.Early.AddRange(early);
    }

    // A loop, not a lambda: a closure over the order would be allocated on every record.
    private static int IndexOf(List<EarlyRecord> early, int sequence)
    {
        for (int i = 0; i < early.Count; i++)
        {
            if (early[i].Record.Sequence == sequence)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The ordering state of one invocation.</summary>
    private sealed class InvocationOrder : InvocationEntry
    {
        public int Next { get; set; } = 1;

        public bool Ended { get; set; }

        /// <summary>The test that began the invocation (from its enter record), 0 until it has arrived.</summary>
        public int TestId { get; set; }

        /// <summary>The point of the first record put in order (the scoped method's call site, usually), 0 before any.</summary>
        public int Point { get; set; }

        public List<EarlyRecord> Early { get; } = [];

        /// <summary>Whether the invocation reached a monitor: <see cref="FirstMonitor"/> and <see cref="LastMonitor"/> are its own only when it did.</summary>
        public bool Reached { get; set; }

        /// <summary>The first specification's monitor the invocation reached (when <see cref="Reached"/>); <see cref="Monitors"/> holds the others.</summary>
        public FormulaMonitor? FirstMonitor { get; set; }

        public List<FormulaMonitor> Monitors { get; } = [];

        /// <summary>The monitor of the invocation's last event (when <see cref="Reached"/>).</summary>
        public FormulaMonitor? LastMonitor { get; set; }
    }

    /// <summary>Where the records of one point go.</summary>
    /// <param name="Point">The registered point.</param>
    /// <param name="Monitor">Its specification's monitor, or null when the specification cannot be checked.</param>
    /// <param name="LocalPoint">The point's index in the monitor's plan.</param>
    private sealed record Route(PointInfo Point, FormulaMonitor? Monitor, int LocalPoint);

    private readonly record struct EarlyRecord(CallRecord Record, CapturedValue[] Values, int ThreadId);
}
