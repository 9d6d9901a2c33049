using System;
using System.Threading.Tasks;

namespace Vypr.Runtime;

/// <summary>
/// A monitored asynchronous call whose task has not completed yet. The caller is handed a task that completes once
/// the call is recorded (see <see cref="PendingRecord"/>): a test that awaits the call and then collects its verdicts
/// always finds this one, in the order of its calls. The recording runs in the caller's execution context, so the call
/// is attributed to the caller's test.
/// </summary>
internal sealed class PendingCall
{
    private static readonly Action<Task, object?> s_stop = static (completed, state) => ((PendingCall)state!).Stop(completed);

    private readonly int _callSiteId;
    private readonly long _startTimestamp;

    private PendingCall(int callSiteId, long startTimestamp)
    {
        _callSiteId = callSiteId;
        _startTimestamp = startTimestamp;
    }

    /// <summary>Records the call when <paramref name="task"/> completes.</summary>
    /// <returns>The task to hand to the caller instead of <paramref name="task"/>.</returns>
    public static Task StopOnCompletion(Task task, int callSiteId, long startTimestamp) =>
        PendingRecord.When(task, s_stop, new PendingCall(callSiteId, startTimestamp));

    /// <inheritdoc cref="StopOnCompletion(Task, int, long)"/>
    public static Task<T> StopOnCompletion<T>(Task<T> task, int callSiteId, long startTimestamp) =>
        PendingRecord.When(task, static (completed, state) => ((PendingCall)state!).Stop(completed), new PendingCall(callSiteId, startTimestamp));

    private void Stop(Task completed) => Probe.Stop(_callSiteId, _startTimestamp, completed.IsCompletedSuccessfully);
}
