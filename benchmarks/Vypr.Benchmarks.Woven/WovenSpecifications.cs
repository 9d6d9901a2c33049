namespace Vypr.Benchmarks.Woven;

/// <summary>The fluent specification of <see cref="WovenPipeline.RunOnce"/>, the same as Vypr.Benchmarks' OneStepIsFast.</summary>
public static class WovenSpecifications
{
    /// <summary>The one step of <see cref="WovenPipeline.RunOnce"/> takes at most a second.</summary>
    [PerformanceSpecification]
    public static Specification OneWovenStepIsFast => Specification
        .For<WovenPipeline>(nameof(WovenPipeline.RunOnce))
        .Forall("t", Calls.To<WovenPipeline>(nameof(WovenPipeline.Step)))
        .Check(t => t.Duration() <= Duration.Seconds(1));
}
