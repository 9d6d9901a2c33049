namespace Vypr.Benchmarks;

/// <summary>The fluent specification whose probes <see cref="FormulaProbeBenchmarks"/> measures.</summary>
public static class Specifications
{
    /// <summary>Every step of a scoped run takes at most a second.</summary>
    [PerformanceSpecification]
    public static Specification StepsAreFast => Specification
        .For<Pipeline>(nameof(Pipeline.RunScoped))
        .Forall("t", Calls.To<Pipeline>(nameof(Pipeline.Step)))
        .Check(t => t.Duration() <= Duration.Seconds(1));
}
