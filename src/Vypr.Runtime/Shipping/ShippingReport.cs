namespace Vypr.Runtime.Shipping;

/// <summary>What a <see cref="VerdictShipper"/> did in this process.</summary>
/// <param name="Shipped">Verdicts the server acknowledged directly.</param>
/// <param name="Spooled">Verdicts written to the spool because the server was unreachable, slow or the time ran out.</param>
/// <param name="Rejected">Verdicts in batches the server refused as invalid (kept in the spool's <c>rejected/</c> folder).</param>
/// <param name="ReplayedBatches">Spooled batches (of this or earlier runs) that the server acknowledged.</param>
/// <param name="PendingBatches">Batches left in the spool for a later run.</param>
/// <param name="SpoolDirectory">The spool directory.</param>
public sealed record ShippingReport(long Shipped, long Spooled, long Rejected, long ReplayedBatches, int PendingBatches, string SpoolDirectory)
{
    /// <summary>One line for a test run's output.</summary>
    /// <returns>The report as text.</returns>
    public override string ToString() =>
        $"Vypr: {Shipped} verdicts shipped, {Spooled} spooled, {Rejected} rejected; {ReplayedBatches} spooled batches delivered, {PendingBatches} waiting in {SpoolDirectory}";
}
