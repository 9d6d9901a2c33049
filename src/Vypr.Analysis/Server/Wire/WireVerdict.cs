using System.Collections.Generic;

namespace Vypr.Analysis.Server.Wire;

/// <summary>A verdict as <c>GET /api/v1/calls/{id}</c> gives it.</summary>
internal sealed record WireVerdict(long Id, long SpecificationId, bool Value, double Severity, long DecidingObservation, IReadOnlyList<WireObservation> Observations);
