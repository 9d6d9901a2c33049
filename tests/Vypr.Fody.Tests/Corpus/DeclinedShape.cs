namespace Vypr.Fody.Tests.Corpus;

/// <summary>What the backends do with a shape's role that interceptors decline.</summary>
/// <param name="WovenVerdicts">Verdicts the IL backend gives it (the shape's statement calls once): 1 where IL counts what interceptors cannot reach, 0 where neither backend sees the call.</param>
/// <param name="InWeavingReport">Whether the generator's weaving report names the call as not woven; when not, the generator says so with a diagnostic at the call instead (held by the generator's ShapeCorpusTests).</param>
/// <param name="Reason">Why.</param>
public sealed record DeclinedShape(int WovenVerdicts, bool InWeavingReport, string Reason);
