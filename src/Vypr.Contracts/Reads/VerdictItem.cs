using System.Collections.Generic;

namespace Vypr.Contracts.Reads;

/// <summary>A verdict on a call, with every observation that took part.</summary>
/// <param name="Id">The verdict's ID.</param>
/// <param name="SpecificationId">The specification checked.</param>
/// <param name="Value">Whether the call met it.</param>
/// <param name="Severity">Signed distance to the bound: positive when met, negative when violated.</param>
/// <param name="DecidingObservation">The index in <paramref name="Observations"/> of the observation that decided the verdict.</param>
/// <param name="Observations">The observations, in the order the runtime reported them.</param>
public sealed record VerdictItem(long Id, long SpecificationId, bool Value, double Severity, long DecidingObservation, IReadOnlyList<ObservationItem> Observations);
