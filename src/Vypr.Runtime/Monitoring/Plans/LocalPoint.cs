namespace Vypr.Runtime.Monitoring;

/// <summary>A registered point as one specification's monitor sees it.</summary>
/// <param name="Info">The registered point.</param>
/// <param name="MatchesSlot">For each slot: whether events here can bind it.</param>
/// <param name="CaptureMaps">For each slot and each of its captures: the index of that capture among the point's values, or -1 when the point does not capture it.</param>
internal sealed record LocalPoint(PointInfo Info, bool[] MatchesSlot, int[][] CaptureMaps);
