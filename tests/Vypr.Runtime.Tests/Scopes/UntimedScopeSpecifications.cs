namespace Vypr.Runtime.Tests.Scopes;

/// <summary>Specifications that use, or do not use, their scoped invocation's own time (see <see cref="UntimedScopes"/>).</summary>
public static class UntimedScopeSpecifications
{
    /// <summary>Only the inner calls: the scoped call's start and end are read by nothing.</summary>
    [PerformanceSpecification]
    public static Specification InnerOnlyIsFast => Specification
        .For<UntimedScopes>(nameof(UntimedScopes.InnerOnly))
        .Forall("t", Calls.To<UntimedScopes>(nameof(UntimedScopes.Inner)))
        .Check(t => t.Duration() <= Duration.Seconds(10));

    /// <summary>The scoped call's own duration, which includes its pause.</summary>
    [PerformanceSpecification]
    public static Specification OwnDurationIsLong => Specification
        .For<UntimedScopes>(nameof(UntimedScopes.OwnDuration))
        .Forall("c", Calls.OfScope())
        .Check(c => c.Duration() >= Duration.Milliseconds(1));

    /// <summary>From the parameter at entry (stamped with the scoped call's start) to the inner call's start: at least the pause.</summary>
    [PerformanceSpecification]
    public static Specification InnerStartsAfterThePause => Specification
        .For<UntimedScopes>(nameof(UntimedScopes.FromEntry))
        .Forall("t", Calls.To<UntimedScopes>(nameof(UntimedScopes.Inner)))
        .Forall("k0", Changes.Of("k"))
        .Check((t, k0) => Time.Between(k0, t.Start()) >= Duration.Milliseconds(1) & Time.Between(k0, t.Start()) <= Duration.Seconds(10));

    /// <summary>Inner calls of <see cref="UntimedScopes.Shared"/>: untimed by itself.</summary>
    [PerformanceSpecification]
    public static Specification SharedInnerIsFast => Specification
        .For<UntimedScopes>(nameof(UntimedScopes.Shared))
        .Forall("t", Calls.To<UntimedScopes>(nameof(UntimedScopes.Inner)))
        .Check(t => t.Duration() <= Duration.Seconds(10));

    /// <summary>The scoped call of <see cref="UntimedScopes.Shared"/> itself, by its argument: makes that call site timed.</summary>
    [PerformanceSpecification]
    public static Specification SharedResult => Specification
        .For<UntimedScopes>(nameof(UntimedScopes.Shared))
        .Forall("c", Calls.OfScope())
        .Check(c => c.Argument("i") >= 0);
}
