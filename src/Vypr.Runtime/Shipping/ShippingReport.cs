namespace Vypr.Runtime.Shipping;

/// <summary>What a <see cref="VerdictShipper"/> did in this process.</summary>
/// <param name="Shipped">Verdicts of this run the server acknowledged (directly, or from the spool within the run).</param>
/// <param name="Spooled">Verdicts of this run left in the spool for a later run, because the server was unreachable or slow until the time ran out.</param>
/// <param name="Rejected">Verdicts in batches the server refused as invalid, this run's or replayed ones (kept in the spool's <c>rejected/</c> folder).</param>
/// <param name="Lost">Verdicts of this run that neither the server, the spool nor the shipper's bounded memory could keep.</param>
/// <param name="LostBatches">Batches lost that way, including the run's closing batch (the tests' outcomes and the call statistics), which holds no verdicts.</param>
/// <param name="ReplayedBatches">Spooled batches of earlier runs (same server and project) that the server acknowledged.</param>
/// <param name="PendingBatches">Batches for this server and project left in the spool for a later run.</param>
/// <param name="SpoolDirectory">The spool directory.</param>
public sealed record ShippingReport(
    long Shipped,
    long Spooled,
    long Rejected,
    long Lost,
    int LostBatches,
    long ReplayedBatches,
    int PendingBatches,
    string SpoolDirectory)
{
    /// <summary>
    /// Whether every verdict reached the server or waits in the spool for a later run. A run whose report is not
    /// complete must fail: its verdicts are not all stored and will not be.
    /// </summary>
    public bool IsComplete => Lost == 0 && LostBatches == 0 && Rejected == 0;

    /// <summary>One line for a test run's output.</summary>
    /// <returns>The report as text.</returns>
    public override string ToString() =>
        $"Vypr: {Shipped} verdicts shipped, {Spooled} spooled, {Rejected} rejected, {Lost} lost"
        + (LostBatches > 0 ? $" (in {LostBatches} batches)" : string.Empty)
        + $"; {ReplayedBatches} spooled batches delivered, {PendingBatches} waiting in {SpoolDirectory}"
        + (IsComplete ? string.Empty : ": SHIPPING FAILED, not every verdict of this run is stored or waiting to be");
}
