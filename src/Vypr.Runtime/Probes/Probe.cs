using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace Vypr.Runtime;

/// <summary>
/// The hot path that generated interceptors call around a monitored call. Not meant to be called by hand.
/// </summary>
/// <remarks>
/// A probe reads the clock twice and writes one fixed-size record into its thread's buffer: no locks, no
/// allocation, no formatting. Everything else (evaluating the specification, building the verdict) happens when
/// the monitor drains the buffers. When monitoring is off, <see cref="IsEnabled"/> is a <see langword="static readonly"/>
/// <see langword="false"/> that the JIT folds away, leaving only the original call.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Probe
{
    /// <summary>Whether monitoring is on for this process; fixed at start-up.</summary>
    public static readonly bool IsEnabled = MonitoringSwitch.Read();

    /// <summary>Reads the clock before a monitored call.</summary>
    /// <returns>The <see cref="Stopwatch"/> timestamp.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Start() => Stopwatch.GetTimestamp();

    /// <summary>Reads the clock after a monitored call and records it.</summary>
    /// <param name="callSiteId">The call site registered by the generated code.</param>
    /// <param name="startTimestamp">What <see cref="Start"/> returned.</param>
    /// <param name="completed">False when the call ended by an exception.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Stop(int callSiteId, long startTimestamp, bool completed)
    {
        long end = Stopwatch.GetTimestamp();
        ThreadCallBuffer buffer = ThreadCallBuffer.Current;
        buffer.Write(callSiteId, startTimestamp, end, !completed, buffer.CurrentTestId());
    }

    /// <summary>
    /// What a scoped call site holds instead of its start and end timestamps when no specification scoped to the
    /// method reads the scoped call's own time (<see cref="TimesScope"/>): the clock is not read for it.
    /// </summary>
    public const long Untimed = 0;

    /// <summary>
    /// Whether the scoped method's own point <paramref name="pointId"/> needs the scoped call's start and end: false
    /// when its specification is known to read nothing of them (no <c>Calls.OfScope()</c>, no parameter at entry),
    /// decided when the specification and point are registered; one array read.
    /// </summary>
    /// <param name="pointId">A point of kind <see cref="Monitoring.PointKind.ScopeCall"/> (what <see cref="Entered"/> takes).</param>
    /// <returns>False only when the point's specification is registered and uses none of the scoped call's time.</returns>
    /// <remarks>
    /// Generated code reads the clock around a scoped call when any of its call site's points needs it, and
    /// otherwise passes <see cref="Untimed"/>: <see cref="ScopeEnd"/> then reads no clock either and
    /// <see cref="ScopeEvent"/> records nothing.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TimesScope(int pointId) => !MonitorRegistry.IsUntimedScopePoint(pointId);

    /// <summary>Reads the clock after a scoped call, unless its start was not read (<see cref="Untimed"/>).</summary>
    /// <param name="startTimestamp">The call site's start: a <see cref="Start"/> reading or <see cref="Untimed"/>.</param>
    /// <returns>The <see cref="Stopwatch"/> timestamp, or <see cref="Untimed"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ScopeEnd(long startTimestamp) => startTimestamp == Untimed ? Untimed : Stopwatch.GetTimestamp();

    /// <summary>
    /// Records the scoped call itself at its own point, as <see cref="Event"/> does, unless the call site was not
    /// timed (<see cref="Untimed"/>): then no specification scoped to the method binds the scoped call, and its event
    /// would be read by nothing.
    /// </summary>
    /// <param name="pointId">The specification's point for this call site of the scoped method.</param>
    /// <param name="scope">The invocation.</param>
    /// <param name="startTimestamp">When the call started, or <see cref="Untimed"/>.</param>
    /// <param name="endTimestamp">When the call ended, or <see cref="Untimed"/>.</param>
    /// <param name="completed">False when the call ended by an exception.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ScopeEvent(int pointId, ScopeInstance scope, long startTimestamp, long endTimestamp, bool completed)
    {
        if (startTimestamp != Untimed)
        {
            Event(pointId, scope, startTimestamp, endTimestamp, completed);
        }
    }

    /// <summary>Begins an invocation of a scoped method and makes it current for the calls inside it.</summary>
    /// <param name="scopeId">What <see cref="MonitorRegistry.RegisterScope"/> returned for the scoped method.</param>
    /// <returns>The invocation; pass it to <see cref="LeaveScope"/> when the call returns.</returns>
    public static ScopeInstance EnterScope(int scopeId) => ScopeInstance.Enter(scopeId);

    /// <summary>
    /// Begins an invocation of a synchronous scoped method (neither <see langword="async"/> nor an iterator, its call
    /// returning no task) and makes it current on this thread, without allocating (see <see cref="ScopeInstance"/>).
    /// </summary>
    /// <param name="scopeId">What <see cref="MonitorRegistry.RegisterScope"/> returned for the scoped method.</param>
    /// <returns>The invocation; pass it to <see cref="LeaveScope"/> when the call returns, and to <see cref="Exited(ScopeInstance, long)"/> last.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScopeInstance EnterScopeOnThread(int scopeId) => ScopeInstance.EnterOnThread(scopeId);

    /// <summary>Restores the invocation that was current before <paramref name="scope"/> (an asynchronous method keeps its own copy).</summary>
    /// <param name="scope">What <see cref="EnterScope"/> returned.</param>
    public static void LeaveScope(ScopeInstance scope) => scope.Leave();

    /// <summary>Records that an invocation began, for one specification scoped to it.</summary>
    /// <param name="pointId">The specification's point for this call site of the scoped method.</param>
    /// <param name="scope">The invocation.</param>
    /// <param name="startTimestamp">What <see cref="Start"/> returned before the call.</param>
    public static void Entered(int pointId, ScopeInstance scope, long startTimestamp)
    {
        ThreadCallBuffer buffer = scope.Buffer;
        buffer.WriteEvent(RecordKind.Enter, pointId, scope.Id, scope.NextSequence(), startTimestamp, startTimestamp, false, buffer.CurrentTestId());
    }

    /// <summary>Records that an invocation ended: its last record, after every event of every specification.</summary>
    /// <param name="scope">The invocation.</param>
    public static void Exited(ScopeInstance scope) => Exited(scope, Stopwatch.GetTimestamp());

    /// <summary>Records that an invocation ended at <paramref name="endTimestamp"/>: its last record, after every event of every specification.</summary>
    /// <param name="scope">The invocation.</param>
    /// <param name="endTimestamp">When the scoped call returned (or its task completed): the interceptor has just read the clock for it, so the exit reuses that reading.</param>
    public static void Exited(ScopeInstance scope, long endTimestamp)
    {
        scope.Buffer.WriteEvent(RecordKind.Exit, 0, scope.Id, scope.NextSequence(), endTimestamp, endTimestamp, false, 0);
        scope.Exited();
    }

    /// <summary>Records an event at a point, after the values it captured (<see cref="Value{T}"/>, <see cref="Length{T}"/>).</summary>
    /// <param name="pointId">The registered point.</param>
    /// <param name="scope">The invocation it belongs to.</param>
    /// <param name="startTimestamp">When the call started (for a change: when it happened).</param>
    /// <param name="endTimestamp">When the call ended (for a change: the same as the start).</param>
    /// <param name="completed">False when the call ended by an exception.</param>
    /// <remarks>
    /// The test is read once, when the invocation begins (<see cref="Entered"/>): its events are attributed through it.
    /// An asynchronous invocation's events also carry the test it began in, read when it was entered, so that a record
    /// that cannot be put in order is still reported against its test.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Event(int pointId, ScopeInstance scope, long startTimestamp, long endTimestamp, bool completed) =>
        scope.Buffer.WriteEvent(RecordKind.Event, pointId, scope.Id, scope.NextSequence(), startTimestamp, endTimestamp, !completed, scope.TestId);

    /// <summary>Captures a value for the next event this thread records: numbers and booleans as numbers, texts as they are, anything else as its text.</summary>
    /// <typeparam name="T">The value's static type; the JIT folds the type tests for value types.</typeparam>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Value<T>(T value)
    {
        ThreadCallBuffer buffer = ThreadCallBuffer.Current;
        if (typeof(T) == typeof(int)) { buffer.WriteValue(RecordKind.NumberValue, (int)(object)value!, null); }
        else if (typeof(T) == typeof(long)) { buffer.WriteValue(RecordKind.NumberValue, (long)(object)value!, null); }
        else if (typeof(T) == typeof(double)) { buffer.WriteValue(RecordKind.NumberValue, (double)(object)value!, null); }
        else if (typeof(T) == typeof(float)) { buffer.WriteValue(RecordKind.NumberValue, (float)(object)value!, null); }
        else if (typeof(T) == typeof(bool)) { buffer.WriteValue(RecordKind.NumberValue, (bool)(object)value! ? 1 : 0, null); }
        else if (typeof(T) == typeof(short)) { buffer.WriteValue(RecordKind.NumberValue, (short)(object)value!, null); }
        else if (typeof(T) == typeof(byte)) { buffer.WriteValue(RecordKind.NumberValue, (byte)(object)value!, null); }
        else if (typeof(T) == typeof(uint)) { buffer.WriteValue(RecordKind.NumberValue, (uint)(object)value!, null); }
        else if (typeof(T) == typeof(ulong)) { buffer.WriteValue(RecordKind.NumberValue, (ulong)(object)value!, null); }
        else if (typeof(T) == typeof(decimal)) { buffer.WriteValue(RecordKind.NumberValue, (double)(decimal)(object)value!, null); }
        else { CaptureObject(buffer, value); }
    }

    /// <summary>Captures the length of a text, array or collection (its <c>Length</c> or <c>Count</c>) for the next event; null is missing.</summary>
    /// <typeparam name="T">The value's static type.</typeparam>
    /// <param name="value">The value.</param>
    public static void Length<T>(T value)
    {
        int? length = value switch
        {
            string text => text.Length,
            System.Array array => array.Length,
            System.Collections.ICollection collection => collection.Count,
            _ => CountOf(value),
        };
        ThreadCallBuffer buffer = ThreadCallBuffer.Current;
        if (length is int count)
        {
            buffer.WriteValue(RecordKind.NumberValue, count, null);
        }
        else
        {
            buffer.WriteValue(RecordKind.MissingValue, 0, null);
        }
    }

    /// <summary>Captures a value that does not exist (the result of a call that threw) for the next event.</summary>
    public static void Missing() => ThreadCallBuffer.Current.WriteValue(RecordKind.MissingValue, 0, null);

    private static void CaptureObject<T>(ThreadCallBuffer buffer, T value)
    {
        switch (value)
        {
            case null:
                buffer.WriteValue(RecordKind.TextValue, 0, null);
                break;
            case string text:
                buffer.WriteValue(RecordKind.TextValue, 0, text);
                break;
            case System.IConvertible convertible when convertible.GetTypeCode() is >= System.TypeCode.SByte and <= System.TypeCode.Decimal && value is not System.Enum:
                buffer.WriteValue(RecordKind.NumberValue, convertible.ToDouble(System.Globalization.CultureInfo.InvariantCulture), null);
                break;
            default:
                // Enums and other objects compare by their text; converting allocates, which is why numbers and texts take the paths above.
                buffer.WriteValue(RecordKind.TextValue, 0, value.ToString());
                break;
        }
    }

    // IReadOnlyCollection<T> has no non-generic face; find its Count through the interface the value implements.
    private static int? CountOf<T>(T value)
    {
        if (value is null)
        {
            return null;
        }

        foreach (System.Type face in value.GetType().GetInterfaces())
        {
            if (face.IsGenericType && face.GetGenericTypeDefinition() == typeof(System.Collections.Generic.IReadOnlyCollection<>))
            {
                return (int?)face.GetProperty("Count")!.GetValue(value);
            }
        }

        return null;
    }

    /// <summary>Records the call when <paramref name="task"/> completes.</summary>
    /// <param name="task">The task the monitored method returned.</param>
    /// <param name="callSiteId">The call site registered by the generated code.</param>
    /// <param name="startTimestamp">What <see cref="Start"/> returned.</param>
    /// <returns>
    /// <paramref name="task"/> itself when it has completed; otherwise a task that completes as it does once the call
    /// is recorded, so a caller that resumes after awaiting it finds the call's verdict (see <see cref="PendingRecord"/>).
    /// </returns>
    /// <remarks>
    /// Most monitored asynchronous calls complete synchronously: that case is one test of the task's state, inlined
    /// into the interceptor, and the probe of a synchronous call. A faulted, cancelled or pending task takes the call below.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Task StopWhenComplete(Task task, int callSiteId, long startTimestamp)
    {
        if (task.IsCompletedSuccessfully)
        {
            Stop(callSiteId, startTimestamp, completed: true);
            return task;
        }

        return StopWhenNotCompletedSuccessfully(task, callSiteId, startTimestamp);
    }

    /// <inheritdoc cref="StopWhenComplete(Task, int, long)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Task<T> StopWhenComplete<T>(Task<T> task, int callSiteId, long startTimestamp)
    {
        if (task.IsCompletedSuccessfully)
        {
            Stop(callSiteId, startTimestamp, completed: true);
            return task;
        }

        return StopWhenNotCompletedSuccessfully(task, callSiteId, startTimestamp);
    }

    /// <summary>Records the call when <paramref name="task"/> completes.</summary>
    /// <param name="task">The value task the monitored method returned.</param>
    /// <param name="callSiteId">The call site registered by the generated code.</param>
    /// <param name="startTimestamp">What <see cref="Start"/> returned.</param>
    /// <returns><paramref name="task"/> when it had completed; otherwise a value task over the same operation.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ValueTask StopWhenComplete(ValueTask task, int callSiteId, long startTimestamp)
    {
        if (task.IsCompletedSuccessfully)
        {
            Stop(callSiteId, startTimestamp, completed: true);
            return task;
        }

        return StopWhenNotCompletedSuccessfully(task, callSiteId, startTimestamp);
    }

    /// <inheritdoc cref="StopWhenComplete(ValueTask, int, long)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ValueTask<T> StopWhenComplete<T>(ValueTask<T> task, int callSiteId, long startTimestamp)
    {
        if (task.IsCompletedSuccessfully)
        {
            Stop(callSiteId, startTimestamp, completed: true);
            return task;
        }

        return StopWhenNotCompletedSuccessfully(task, callSiteId, startTimestamp);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Task StopWhenNotCompletedSuccessfully(Task task, int callSiteId, long startTimestamp)
    {
        if (task.IsCompleted)
        {
            // Read again: the task may have completed successfully since the caller's test.
            Stop(callSiteId, startTimestamp, completed: task.IsCompletedSuccessfully);
            return task;
        }

        return PendingCall.StopOnCompletion(task, callSiteId, startTimestamp);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Task<T> StopWhenNotCompletedSuccessfully<T>(Task<T> task, int callSiteId, long startTimestamp)
    {
        if (task.IsCompleted)
        {
            // Read again: the task may have completed successfully since the caller's test.
            Stop(callSiteId, startTimestamp, completed: task.IsCompletedSuccessfully);
            return task;
        }

        return PendingCall.StopOnCompletion(task, callSiteId, startTimestamp);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ValueTask StopWhenNotCompletedSuccessfully(ValueTask task, int callSiteId, long startTimestamp)
    {
        if (task.IsCompleted)
        {
            // Read again: the task may have completed successfully since the caller's test.
            Stop(callSiteId, startTimestamp, completed: task.IsCompletedSuccessfully);
            return task;
        }

        // A value task may be awaited only once: it is converted to a Task exactly once and handed back wrapped.
        return new ValueTask(PendingCall.StopOnCompletion(task.AsTask(), callSiteId, startTimestamp));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ValueTask<T> StopWhenNotCompletedSuccessfully<T>(ValueTask<T> task, int callSiteId, long startTimestamp)
    {
        if (task.IsCompleted)
        {
            // Read again: the task may have completed successfully since the caller's test.
            Stop(callSiteId, startTimestamp, completed: task.IsCompletedSuccessfully);
            return task;
        }

        return new ValueTask<T>(PendingCall.StopOnCompletion(task.AsTask(), callSiteId, startTimestamp));
    }
}
