namespace Vypr.Server.Ingest;

/// <summary>What an ingest request did: how many verdicts it carried and how many were new.</summary>
/// <param name="Runs">The run documents in the batch.</param>
/// <param name="VerdictsReceived">The verdicts in the batch.</param>
/// <param name="VerdictsStored">The verdicts stored now; the others were already stored by an earlier delivery.</param>
public sealed record IngestOutcome(int Runs, int VerdictsReceived, int VerdictsStored);
