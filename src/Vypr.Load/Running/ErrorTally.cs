using System.Threading;

namespace Vypr.Load.Running;

/// <summary>Failures of one exception type within a test entry.</summary>
internal sealed class ErrorTally(string firstMessage)
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public string FirstMessage { get; } = firstMessage;

    public void Add() => Interlocked.Increment(ref _count);
}
