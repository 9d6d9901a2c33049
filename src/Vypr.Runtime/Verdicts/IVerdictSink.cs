using System.Collections.Generic;
using Vypr.Contracts;

namespace Vypr.Runtime;

/// <summary>Receives verdicts as the monitor decides them (a results shipper, a live view).</summary>
internal interface IVerdictSink
{
    /// <summary>
    /// Takes a batch of newly decided verdicts. Called while the monitor drains, off the probes' hot path but
    /// while holding the monitor's lock: copy or enqueue and return; never block and never throw.
    /// </summary>
    /// <param name="verdicts">The new verdicts, in the order they were decided; valid only during the call.</param>
    void Publish(IReadOnlyList<VerdictInfo> verdicts);
}
