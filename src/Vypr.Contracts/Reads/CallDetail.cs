using System.Collections.Generic;

namespace Vypr.Contracts.Reads;

/// <summary>A call with where it was made and its verdicts and observations.</summary>
/// <param name="Call">The call.</param>
/// <param name="CallSite">Where it was made.</param>
/// <param name="Verdicts">Its verdicts.</param>
public sealed record CallDetail(CallItem Call, CallSiteItem CallSite, IReadOnlyList<VerdictItem> Verdicts);
