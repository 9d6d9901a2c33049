using System;
using System.Collections.Generic;
using Vypr.Contracts;

namespace Vypr.Runtime;

/// <summary>
/// Hands the verdicts a drain decided to every sink (the shipper's queue). Touched only under
/// <see cref="RuntimeMonitor"/>'s drain lock: sinks are called holding it, so they only enqueue.
/// </summary>
internal static class VerdictPublisher
{
    private static readonly List<IVerdictSink> s_sinks = [];

    public static void Add(IVerdictSink sink) => s_sinks.Add(sink);

    /// <summary>Publishes the verdicts kept since the store's count was <paramref name="firstNew"/>.</summary>
    public static void PublishSince(int firstNew)
    {
        if (s_sinks.Count > 0 && VerdictStore.Count > firstNew)
        {
            List<VerdictInfo> fresh = VerdictStore.Since(firstNew);
            foreach (IVerdictSink sink in s_sinks)
            {
                // This may run on a user's thread (its ring was full): a failing sink must not break user code.
                try
                {
                    sink.Publish(fresh);
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine($"vypr: verdict sink {sink.GetType().Name} failed and missed {fresh.Count} verdicts: {e.Message}");
                }
            }
        }
    }
}
