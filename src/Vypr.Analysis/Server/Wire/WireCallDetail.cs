using System.Collections.Generic;

namespace Vypr.Analysis.Server.Wire;

/// <summary>A call with its call site and verdicts, as <c>GET /api/v1/calls/{id}</c> gives it.</summary>
internal sealed record WireCallDetail(WireCall Call, WireCallSite CallSite, IReadOnlyList<WireVerdict> Verdicts);
