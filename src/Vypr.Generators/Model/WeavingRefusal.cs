namespace Vypr.Generators.Model;

/// <summary>Why one call cannot be intercepted: its group for the summary, and the reason in words for the site.</summary>
/// <param name="Gap">The group the weaving summary counts it in.</param>
/// <param name="Reason">The reason, naming what is involved.</param>
internal sealed record WeavingRefusal(WeavingGap Gap, string Reason);
