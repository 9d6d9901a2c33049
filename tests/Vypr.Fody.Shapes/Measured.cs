using System;
using System.Collections.Concurrent;
using System.Reflection;
using System.Threading.Tasks;

namespace Shapes;

/// <summary>MethodTimer's attribute as its users have it: matched by name, any namespace.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Constructor)]
public sealed class TimeAttribute : Attribute
{
    public TimeAttribute()
    {
    }

    public TimeAttribute(string message)
    {
        Message = message;
    }

    public string? Message { get; }
}

/// <summary>MethodTimer's logger convention: receives every [Time] call, monitoring on or off.</summary>
public static class MethodTimeLogger
{
    public static ConcurrentQueue<(string Method, TimeSpan Elapsed, string? Message)> Entries { get; } = new();

    public static void Log(MethodBase methodBase, TimeSpan elapsed, string? message) => Entries.Enqueue((methodBase.Name, elapsed, message));
}

public static class Measured
{
    [Time]
    public static int Compute(int x) => x * 3;

    [Time("fetching {id}")]
    public static async Task<int> FetchAsync(int id)
    {
        await Task.Delay(40);
        return id;
    }
}

[Time]
public sealed class MeasuredClass
{
    public int First() => 1;

    public int Second() => 2;
}
