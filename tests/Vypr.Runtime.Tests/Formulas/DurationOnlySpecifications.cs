namespace Vypr.Runtime.Tests.Formulas;

/// <summary>A specification that only bounds its call's duration by a constant: the monitor's counted-only path.</summary>
public static class DurationOnlySpecifications
{
    /// <summary>Every tick of a loop takes at most ten seconds: satisfied by every call on any machine.</summary>
    [PerformanceSpecification]
    public static Specification TicksAreBounded => Specification
        .For<DurationOnlyScopes>(nameof(DurationOnlyScopes.Loop))
        .Forall("t", Calls.To<DurationOnlyScopes>(nameof(DurationOnlyScopes.Tick)))
        .Check(t => t.Duration() <= Duration.Seconds(10));
}
