using System.Threading;
using System.Threading.Tasks;

namespace Vypr.Runtime;

/// <summary>
/// A monitored asynchronous call whose task has not completed yet. Its continuation runs synchronously on the
/// completing thread, usually ahead of the caller's own continuation but not always (see <see cref="PendingRecord"/>):
/// a <c>[MaxDuration]</c> call's record needs no order among others, and a caller that resumes first may only collect its
/// test's verdicts before this one is recorded. It runs in the caller's execution context, so the call is attributed
/// to the caller's test.
/// </summary>
internal sealed class PendingCall
{
    private readonly int _callSiteId;
    private readonly long _startTimestamp;

    private PendingCall(int callSiteId, long startTimestamp)
    {
        _callSiteId = callSiteId;
        _startTimestamp = startTimestamp;
    }

    public static void StopOnCompletion(Task task, int callSiteId, long startTimestamp) =>
        task.ContinueWith(
            static (completed, state) => ((PendingCall)state!).Stop(completed),
            new PendingCall(callSiteId, startTimestamp),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private void Stop(Task completed) => Probe.Stop(_callSiteId, _startTimestamp, completed.IsCompletedSuccessfully);
}
