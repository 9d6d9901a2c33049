using System.Collections.Generic;
using System.ComponentModel;
using System.Threading.Tasks;

namespace Vypr.Runtime;

/// <summary>
/// The events of an asynchronous call that the IL backend (Vypr.Fody) records for fluent specifications when its
/// task has not completed yet: a call in a scoped method's body, or the scoped method's own call. Values a formula
/// reads must be written just before their event, on the thread that writes it, so they are kept here (the arguments
/// as they were passed, the result once the task has it) and written with their events when the task completes.
/// Not meant to be used by hand.
/// </summary>
/// <remarks>
/// Woven code only creates one when the task is still running, which is the path where an interceptor allocates its
/// pending state too; a task that has already completed is recorded in place, without one.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PendingEvent
{
    private readonly ScopeInstance _scope;
    private readonly long _startTimestamp;
    private readonly List<(Entry Kind, int PointId, object? Value)> _entries = [];
    private bool _exits;

    private PendingEvent(ScopeInstance scope, long startTimestamp)
    {
        // Its events come when the call completes, maybe after the invocation's exit: never reuse the invocation.
        _scope = ScopeInstance.Held(scope)!;
        _startTimestamp = startTimestamp;
    }

    private enum Entry : byte
    {
        Value,
        Length,
        Missing,
        Result,
        ResultLength,
        Event,
    }

    /// <summary>Begins the events of a call that started at <paramref name="startTimestamp"/> in <paramref name="scope"/>.</summary>
    /// <param name="scope">The invocation the events belong to.</param>
    /// <param name="startTimestamp">What <see cref="Probe.Start"/> returned before the call.</param>
    /// <returns>The pending events.</returns>
    public static PendingEvent Begin(ScopeInstance scope, long startTimestamp) => new(scope, startTimestamp);

    /// <summary>Captures <paramref name="value"/> for the next event, as <see cref="Probe.Value{T}"/> will.</summary>
    /// <typeparam name="T">The value's static type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>This.</returns>
    public PendingEvent Value<T>(T value) => Add(Entry.Value, 0, value);

    /// <summary>Captures the length of <paramref name="value"/> for the next event, as <see cref="Probe.Length{T}"/> will.</summary>
    /// <typeparam name="T">The value's static type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>This.</returns>
    public PendingEvent Length<T>(T value) => Add(Entry.Length, 0, value);

    /// <summary>Captures a value that does not exist, for the next event.</summary>
    /// <returns>This.</returns>
    public PendingEvent Missing() => Add(Entry.Missing, 0, null);

    /// <summary>Captures the task's result (or its length) for the next event: missing when the task did not complete successfully or has none.</summary>
    /// <param name="length">True to capture its length.</param>
    /// <returns>This.</returns>
    public PendingEvent Result(bool length) => Add(length ? Entry.ResultLength : Entry.Result, 0, null);

    /// <summary>Records an event at <paramref name="pointId"/> after the values captured since the previous one.</summary>
    /// <param name="pointId">The registered point.</param>
    /// <returns>This.</returns>
    public PendingEvent Event(int pointId) => Add(Entry.Event, pointId, null);

    /// <summary>Ends the invocation after the events: the call is the scoped method's own.</summary>
    /// <returns>This.</returns>
    public PendingEvent ExitScope()
    {
        _exits = true;
        return this;
    }

    /// <summary>Records the events when <paramref name="task"/> completes.</summary>
    /// <param name="task">The task the call returned.</param>
    /// <returns>
    /// A task that completes as <paramref name="task"/> did once the events are recorded, so that the awaiting scoped
    /// method cannot end before them (see <see cref="PendingRecord"/>).
    /// </returns>
    public Task When(Task task) =>
        PendingRecord.When(task, static (t, state) => ((PendingEvent)state!).Complete(t.IsCompletedSuccessfully, null, hasResult: false), this);

    /// <inheritdoc cref="When(Task)"/>
    public Task<T> When<T>(Task<T> task) =>
        PendingRecord.When(task, static (t, state) => ((PendingEvent)state!).Complete(t.IsCompletedSuccessfully, t.IsCompletedSuccessfully ? t.Result : null, t.IsCompletedSuccessfully), this);

    /// <summary>Records the events when <paramref name="task"/> completes; a value task may be awaited once, so it is turned into a task once and handed back wrapped.</summary>
    /// <param name="task">The value task the call returned.</param>
    /// <returns>A value task over the same operation.</returns>
    public ValueTask When(ValueTask task) => new(When(task.AsTask()));

    /// <inheritdoc cref="When(ValueTask)"/>
    public ValueTask<T> When<T>(ValueTask<T> task) => new(When(task.AsTask()));

    private PendingEvent Add(Entry kind, int pointId, object? value)
    {
        _entries.Add((kind, pointId, value));
        return this;
    }

    private void Complete(bool completed, object? result, bool hasResult)
    {
        long end = Probe.Start();
        foreach ((Entry kind, int pointId, object? value) in _entries)
        {
            switch (kind)
            {
                case Entry.Value:
                    Capture(value);
                    break;
                case Entry.Length:
                    Probe.Length(value);
                    break;
                case Entry.Missing:
                    Probe.Missing();
                    break;
                case Entry.Result when hasResult:
                    Capture(result);
                    break;
                case Entry.ResultLength when hasResult:
                    Probe.Length(result);
                    break;
                case Entry.Result or Entry.ResultLength:
                    Probe.Missing();
                    break;
                case Entry.Event:
                    Probe.Event(pointId, _scope, _startTimestamp, end, completed);
                    break;
            }
        }

        if (_exits)
        {
            Probe.Exited(_scope, end);
        }
    }

    // Boxed, a value is captured as Probe.Value captures it through its own type, except a boolean, whose object form
    // is IConvertible but not a number: it is written as 1 or 0 as Probe.Value<bool> writes it.
    private static void Capture(object? value)
    {
        if (value is bool flag)
        {
            Probe.Value(flag);
        }
        else
        {
            Probe.Value(value);
        }
    }
}
