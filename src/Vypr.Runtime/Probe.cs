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
        ThreadCallBuffer.Current.Write(callSiteId, startTimestamp, end, !completed, TestScope.CurrentId);
    }

    /// <summary>Records the call when <paramref name="task"/> completes, and returns the same task.</summary>
    /// <param name="task">The task the monitored method returned.</param>
    /// <param name="callSiteId">The call site registered by the generated code.</param>
    /// <param name="startTimestamp">What <see cref="Start"/> returned.</param>
    /// <returns><paramref name="task"/> itself, so the caller observes exactly what the method returned.</returns>
    public static Task StopWhenComplete(Task task, int callSiteId, long startTimestamp)
    {
        if (task.IsCompleted)
        {
            Stop(callSiteId, startTimestamp, task.IsCompletedSuccessfully);
        }
        else
        {
            PendingCall.StopOnCompletion(task, callSiteId, startTimestamp);
        }

        return task;
    }

    /// <inheritdoc cref="StopWhenComplete(Task, int, long)"/>
    public static Task<T> StopWhenComplete<T>(Task<T> task, int callSiteId, long startTimestamp)
    {
        StopWhenComplete((Task)task, callSiteId, startTimestamp);
        return task;
    }

    /// <summary>Records the call when <paramref name="task"/> completes.</summary>
    /// <param name="task">The value task the monitored method returned.</param>
    /// <param name="callSiteId">The call site registered by the generated code.</param>
    /// <param name="startTimestamp">What <see cref="Start"/> returned.</param>
    /// <returns><paramref name="task"/> when it had completed; otherwise a value task over the same operation.</returns>
    public static ValueTask StopWhenComplete(ValueTask task, int callSiteId, long startTimestamp)
    {
        if (task.IsCompleted)
        {
            Stop(callSiteId, startTimestamp, task.IsCompletedSuccessfully);
            return task;
        }

        // A value task may be awaited only once: it is converted to a Task exactly once and handed back wrapped.
        Task asTask = task.AsTask();
        PendingCall.StopOnCompletion(asTask, callSiteId, startTimestamp);
        return new ValueTask(asTask);
    }

    /// <inheritdoc cref="StopWhenComplete(ValueTask, int, long)"/>
    public static ValueTask<T> StopWhenComplete<T>(ValueTask<T> task, int callSiteId, long startTimestamp)
    {
        if (task.IsCompleted)
        {
            Stop(callSiteId, startTimestamp, task.IsCompletedSuccessfully);
            return task;
        }

        Task<T> asTask = task.AsTask();
        PendingCall.StopOnCompletion(asTask, callSiteId, startTimestamp);
        return new ValueTask<T>(asTask);
    }
}
