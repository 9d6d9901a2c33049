using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace Vypr.Runtime;

/// <summary>
/// What IL-woven <c>[Time]</c> methods call to keep MethodTimer's convention: a <c>MethodTimeLogger</c> class of the
/// user's, when present, receives every timed call's duration, with monitoring on or off, as MethodTimer.Fody did.
/// Not meant to be called by hand.
/// </summary>
/// <remarks>
/// This is the user's logging path, not Vypr's probe: it runs only for <c>[Time]</c> methods of an assembly that has a
/// <c>MethodTimeLogger</c>, and an asynchronous call's callback is a continuation (one allocation), as it was with
/// MethodTimer.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MethodTimerCallbacks
{
    /// <summary>The time since <paramref name="startTimestamp"/>.</summary>
    /// <param name="startTimestamp">A <see cref="Stopwatch"/> timestamp.</param>
    /// <returns>The elapsed time.</returns>
    public static TimeSpan Elapsed(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp);

    /// <summary>The whole milliseconds since <paramref name="startTimestamp"/>.</summary>
    /// <param name="startTimestamp">A <see cref="Stopwatch"/> timestamp.</param>
    /// <returns>The elapsed milliseconds.</returns>
    public static long ElapsedMilliseconds(long startTimestamp) => (long)Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;

    /// <summary>Calls <paramref name="log"/> when <paramref name="task"/> completes, however it completes.</summary>
    /// <param name="task">The task the timed method returned.</param>
    /// <param name="startTimestamp">When the call began.</param>
    /// <param name="method">The timed method.</param>
    /// <param name="message">The <c>[Time]</c> attribute's message, if any.</param>
    /// <param name="log">The user's <c>MethodTimeLogger.Log</c>.</param>
    public static void WhenComplete(Task task, long startTimestamp, MethodBase method, string? message, Action<MethodBase, TimeSpan, string?> log)
    {
        if (task.IsCompleted)
        {
            log(method, Elapsed(startTimestamp), message);
            return;
        }

        task.ContinueWith(
            static (_, state) =>
            {
                var (start, timed, text, callback) = ((long, MethodBase, string?, Action<MethodBase, TimeSpan, string?>))state!;
                callback(timed, Elapsed(start), text);
            },
            (startTimestamp, method, message, log),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <inheritdoc cref="WhenComplete(Task, long, MethodBase, string?, Action{MethodBase, TimeSpan, string?})"/>
    public static void WhenComplete(Task task, long startTimestamp, MethodBase method, string? message, Action<MethodBase, long, string?> log) =>
        WhenComplete(task, startTimestamp, method, message, (timed, elapsed, text) => log(timed, (long)elapsed.TotalMilliseconds, text));

    /// <summary>Calls <paramref name="log"/> when <paramref name="task"/> completes, and returns a value task over the same operation.</summary>
    /// <param name="task">The value task the timed method returned (after Vypr's own probe).</param>
    /// <param name="startTimestamp">When the call began.</param>
    /// <param name="method">The timed method.</param>
    /// <param name="message">The <c>[Time]</c> attribute's message, if any.</param>
    /// <param name="log">The user's <c>MethodTimeLogger.Log</c>.</param>
    /// <returns>What the caller awaits instead of <paramref name="task"/>, which may be awaited only once.</returns>
    public static ValueTask WhenComplete(ValueTask task, long startTimestamp, MethodBase method, string? message, Action<MethodBase, TimeSpan, string?> log)
    {
        if (task.IsCompleted)
        {
            log(method, Elapsed(startTimestamp), message);
            return task;
        }

        Task asTask = task.AsTask();
        WhenComplete(asTask, startTimestamp, method, message, log);
        return new ValueTask(asTask);
    }

    /// <inheritdoc cref="WhenComplete(ValueTask, long, MethodBase, string?, Action{MethodBase, TimeSpan, string?})"/>
    public static ValueTask WhenComplete(ValueTask task, long startTimestamp, MethodBase method, string? message, Action<MethodBase, long, string?> log) =>
        WhenComplete(task, startTimestamp, method, message, (timed, elapsed, text) => log(timed, (long)elapsed.TotalMilliseconds, text));

    /// <inheritdoc cref="WhenComplete(ValueTask, long, MethodBase, string?, Action{MethodBase, TimeSpan, string?})"/>
    public static ValueTask<T> WhenComplete<T>(ValueTask<T> task, long startTimestamp, MethodBase method, string? message, Action<MethodBase, TimeSpan, string?> log)
    {
        if (task.IsCompleted)
        {
            log(method, Elapsed(startTimestamp), message);
            return task;
        }

        Task<T> asTask = task.AsTask();
        WhenComplete(asTask, startTimestamp, method, message, log);
        return new ValueTask<T>(asTask);
    }

    /// <inheritdoc cref="WhenComplete(ValueTask, long, MethodBase, string?, Action{MethodBase, TimeSpan, string?})"/>
    public static ValueTask<T> WhenComplete<T>(ValueTask<T> task, long startTimestamp, MethodBase method, string? message, Action<MethodBase, long, string?> log) =>
        WhenComplete(task, startTimestamp, method, message, (timed, elapsed, text) => log(timed, (long)elapsed.TotalMilliseconds, text));
}
