using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace Vypr.Runtime;

/// <summary>
/// Records a monitored asynchronous call whose task has not completed yet, and hands its caller a task that completes
/// only once the call is recorded. Not meant to be used by hand.
/// </summary>
/// <remarks>
/// <para>
/// A continuation registered with <see cref="TaskContinuationOptions.ExecuteSynchronously"/> does not run before an
/// awaiter resumes: a task is completed (its <see cref="Task.IsCompleted"/> is true) before its continuations run, so
/// a method awaiting it just then goes on at once on its own thread, and a task whose continuations run
/// asynchronously (<see cref="TaskCreationOptions.RunContinuationsAsynchronously"/>, as many library tasks are) queues
/// the recording and the awaiter side by side. Either way the awaiting scoped method could end, and record its exit,
/// before the call's events were recorded: they would then come after their invocation's end and be lost.
/// </para>
/// <para>
/// So the caller never sees the call's own task: it gets one that completes, exactly as the call's did (result,
/// exceptions, cancellation), after the recording. What the caller awaits has happened, and been recorded, in every
/// interleaving. It costs one more task, on the path that allocates the pending state anyway.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PendingRecord
{
    /// <summary>Calls <paramref name="record"/> when <paramref name="task"/> completes, then completes the returned task as <paramref name="task"/> did.</summary>
    /// <param name="task">The task the monitored call returned.</param>
    /// <param name="record">Records the call (on the thread that completed it, in the caller's execution context).</param>
    /// <param name="state">What <paramref name="record"/> needs.</param>
    /// <returns>The task to hand to the caller instead of <paramref name="task"/>.</returns>
    public static Task When(Task task, Action<Task, object?> record, object? state)
    {
        ArgumentNullException.ThrowIfNull(task);
        var completion = new Completion(record, state);
        task.ContinueWith(static (completed, state) => ((Completion)state!).Complete(completed), completion, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return completion.Task;
    }

    /// <inheritdoc cref="When(Task, Action{Task, object?}, object?)"/>
    /// <typeparam name="T">The call's result.</typeparam>
    public static Task<T> When<T>(Task<T> task, Action<Task<T>, object?> record, object? state)
    {
        ArgumentNullException.ThrowIfNull(task);
        var completion = new Completion<T>(record, state);
        task.ContinueWith(static (completed, state) => ((Completion<T>)state!).Complete(completed), completion, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return completion.Task;
    }

    // The recording cannot fail the caller's task: whatever happens in it, the task completes as the call's did.
    private sealed class Completion(Action<Task, object?> record, object? state) : TaskCompletionSource<object?>
    {
        public void Complete(Task completed)
        {
            try
            {
                record(completed, state);
            }
            finally
            {
                if (completed.Status == TaskStatus.RanToCompletion)
                {
                    TrySetResult(null);
                }
                else
                {
                    Propagate(this, completed);
                }
            }
        }
    }

    private sealed class Completion<T>(Action<Task<T>, object?> record, object? state) : TaskCompletionSource<T>
    {
        public void Complete(Task<T> completed)
        {
            try
            {
                record(completed, state);
            }
            finally
            {
#if NET
                TrySetFromTask(completed);
#else
                if (completed.Status == TaskStatus.RanToCompletion)
                {
                    TrySetResult(completed.Result);
                }
                else
                {
                    Propagate(this, completed);
                }
#endif
            }
        }
    }

    // A faulted task's exceptions are handed on as they are (the awaiter rethrows the first, with its stack trace); a
    // cancelled one stays cancelled.
    private static void Propagate<T>(TaskCompletionSource<T> completion, Task completed)
    {
        if (completed.IsFaulted)
        {
            completion.TrySetException(completed.Exception!.InnerExceptions);
        }
        else
        {
#if NET
            // The call's own token, which its OperationCanceledException carries.
            try
            {
                completed.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException cancelled)
            {
                completion.TrySetCanceled(cancelled.CancellationToken);
                return;
            }
#endif
            completion.TrySetCanceled();
        }
    }
}
