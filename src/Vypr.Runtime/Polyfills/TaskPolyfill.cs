using System.Threading.Tasks;

namespace Vypr.Runtime;

/// <summary><c>Task.IsCompletedSuccessfully</c> for the netstandard2.0 build (compiled for netstandard2.0 only).</summary>
internal static class TaskPolyfill
{
    extension(Task task)
    {
        /// <summary>Whether the task ran to completion, as on .NET.</summary>
        public bool IsCompletedSuccessfully => task.Status == TaskStatus.RanToCompletion;
    }
}
