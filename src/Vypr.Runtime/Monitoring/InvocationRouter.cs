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
    private readonly Dictionary<long, InvocationOrder> _orders = [];
    private readonly Stack<InvocationOrder> _orderPool = new();
    private readonly Dictionary<int, FormulaMonitor?> _monitors = [];
    private readonly Func<int, PointInfo> _point;
    private readonly Func<int, FormulaMonitor?> _createMonitor;
    private InvocationOrder? _lastOrder;
    private long _lastScope;
    private int _lastSpecificationId;
    private FormulaMonitor? _lastMonitor;

    /// <param name="point">Looks up a registered point.</param>
    /// <param name="createMonitor">Creates the monitor of a specification, or null when it cannot be checked (it failed to build).</param>
    public InvocationRouter(Func<int, PointInfo> point, Func<int, FormulaMonitor?> createMonitor)
    {
        _point = point;
        _createMonitor = createMonitor;
    }

    /// <summary>Invocations whose records are still arriving.</summary>
    public int OpenInvocations => _orders.Count;

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

        // Records come in runs from the same invocation: remember the last one to skip the lookup.
        InvocationOrder? order = _lastOrder;
        if ((order is null || _lastScope != record.Scope) && !_orders.TryGetValue(record.Scope, out order))
        {
            order = _orderPool.Count > 0 ? _orderPool.Pop() : new InvocationOrder();
            order.Next = 1;
            _orders.Add(record.Scope, order);
        }

        _lastOrder = order;
        _lastScope = record.Scope;

        if (record.Sequence != order.Next)
        {
            order.Early.Add(new EarlyRecord(record, pendingValues.ToArray(), threadId));
            pendingValues.Clear();
            return;
        }

        Dispatch(record, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pendingValues), threadId, order);
        pendingValues.Clear();
        order.Next++;

        // Records that came early are released as soon as the gap before them closes.
        while (order.Early.Count > 0)
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

        if (order.Ended)
        {
            _lastOrder = null;
            _orders.Remove(record.Scope);
            order.Monitors.Clear();
            order.LastMonitor = null;
            order.Early.Clear();
            order.Ended = false;
            _orderPool.Push(order);
        }
    }

    private void Dispatch(in CallRecord record, ReadOnlySpan<CapturedValue> values, int threadId, InvocationOrder order)
    {
        var e = new BoundEvent(record.Scope, record.Sequence, record.StartTimestamp, record.EndTimestamp, record.Threw, record.TestId, threadId);
        if (record.Kind == RecordKind.Exit)
        {
            foreach (FormulaMonitor monitor in order.Monitors)
            {
                monitor.End(record.Scope);
            }

            order.Ended = true;
            return;
        }

        PointInfo point = _point(record.CallSiteId);
        if (MonitorOf(point.SpecificationId) is not { } target)
        {
            return;
        }

        // Usually the one monitor already seen: compare with the last one before searching the list.
        if (!ReferenceEquals(order.LastMonitor, target) && !order.Monitors.Contains(target))
        {
            order.Monitors.Add(target);
        }

        order.LastMonitor = target;

        if (record.Kind == RecordKind.Enter)
        {
            target.Enter(e, point.CallSiteId);
        }
        else
        {
            target.Take(e, point, values);
        }
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

    private FormulaMonitor? MonitorOf(int specificationId)
    {
        if (_lastMonitor is not null && _lastSpecificationId == specificationId)
        {
            return _lastMonitor;
        }

        if (!_monitors.TryGetValue(specificationId, out FormulaMonitor? monitor))
        {
            monitor = _createMonitor(specificationId);
            _monitors.Add(specificationId, monitor);
        }

        _lastSpecificationId = specificationId;
        _lastMonitor = monitor;
        return monitor;
    }

    /// <summary>The ordering state of one invocation.</summary>
    private sealed class InvocationOrder
    {
        public int Next { get; set; } = 1;

        public bool Ended { get; set; }

        public List<EarlyRecord> Early { get; } = [];

        public List<FormulaMonitor> Monitors { get; } = [];

        public FormulaMonitor? LastMonitor { get; set; }
    }

    private readonly record struct EarlyRecord(CallRecord Record, CapturedValue[] Values, int ThreadId);
}
