using System;

namespace Vypr.Runtime.Shipping;

/// <summary>A batch waiting in the spool, as its file name and its destination's descriptor describe it.</summary>
/// <param name="Path">The batch's file (a gzip'd request body).</param>
/// <param name="RunId">The run whose verdicts it holds.</param>
/// <param name="FirstSequence">The sequence of its first verdict (0 for a run's closing batch).</param>
/// <param name="Verdicts">How many verdicts it holds.</param>
/// <param name="Destination">Where it must go.</param>
internal sealed record SpooledBatch(string Path, Guid RunId, long FirstSequence, int Verdicts, SpoolDestination Destination);
