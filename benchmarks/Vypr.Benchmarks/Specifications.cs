namespace Vypr.Benchmarks;

/// <summary>The fluent specifications whose probes <see cref="ProbeShapeBenchmarks"/> measures.</summary>
public static class Specifications
{
    /// <summary>Every step of a scoped run takes at most a second.</summary>
    [PerformanceSpecification]
    public static Specification StepsAreFast => Specification
        .For<Pipeline>(nameof(Pipeline.RunScoped))
        .Forall("t", Calls.To<Pipeline>(nameof(Pipeline.Step)))
        .Check(t => t.Duration() <= Duration.Seconds(1));

    /// <summary>The one step of <see cref="Pipeline.RunOnce"/> takes at most a second.</summary>
    [PerformanceSpecification]
    public static Specification OneStepIsFast => Specification
        .For<Pipeline>(nameof(Pipeline.RunOnce))
        .Forall("t", Calls.To<Pipeline>(nameof(Pipeline.Step)))
        .Check(t => t.Duration() <= Duration.Seconds(1));
}
