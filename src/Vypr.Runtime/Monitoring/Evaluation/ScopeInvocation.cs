using System.Collections.Generic;

namespace Vypr.Runtime.Monitoring;

/// <summary>The state of one specification in one invocation of its scoped method.</summary>
internal sealed class ScopeInvocation : InvocationEntry
{
    /// <summary>The call site of the scoped method that started the invocation (0 until its Enter record is seen).</summary>
    public int CallSiteId { get; set; }

    public long StartTimestamp { get; set; }

    public int TestId { get; set; }

    /// <summary>Templates: the slots bound the same way for every binding, one per combination of their points.</summary>
    public List<OpenBinding> Templates { get; } = [];

    /// <summary>Per local point: the templates and bindings with a slot an event there may fill, with the generation they were added at.</summary>
    public List<List<(OpenBinding Binding, int Generation)>> Waiting { get; } = [];

    /// <summary>Bindings created and not yet decided.</summary>
    public int Live { get; set; }

    public List<(OpenBinding Binding, int Generation)> WaitingAt(int localPoint)
    {
        while (Waiting.Count <= localPoint)
        {
            Waiting.Add([]);
        }

        return Waiting[localPoint];
    }
}
