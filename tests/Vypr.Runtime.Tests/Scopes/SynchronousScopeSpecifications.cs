namespace Vypr.Runtime.Tests.Scopes;

/// <summary>
/// Each specification compares what one invocation saw with that invocation's own parameters: events of two
/// invocations mixed into one binding would show as violations, events lost as missing verdicts.
/// </summary>
public static class SynchronousScopeSpecifications
{
    [PerformanceSpecification]
    public static Specification StepsBelowK => Specification
        .For<SynchronousScopes>(nameof(SynchronousScopes.Steps))
        .Forall("c", Calls.To<SynchronousScopes>(nameof(SynchronousScopes.Step)))
        .Forall("k0", Changes.Of("k"))
        .Check((c, k0) => c.Argument("i") < k0.Value());

    [PerformanceSpecification]
    public static Specification AroundTaskRun => Specification
        .For<SynchronousScopes>(nameof(SynchronousScopes.StepsAroundTaskRun))
        .Forall("c", Calls.To<SynchronousScopes>(nameof(SynchronousScopes.Step)))
        .Forall("k0", Changes.Of("k"))
        .Check((c, k0) => c.Argument("i") < k0.Value());

    [PerformanceSpecification]
    public static Specification Throwing => Specification
        .For<SynchronousScopes>(nameof(SynchronousScopes.StepsThenThrow))
        .Forall("c", Calls.To<SynchronousScopes>(nameof(SynchronousScopes.Step)))
        .Forall("k0", Changes.Of("k"))
        .Check((c, k0) => c.Argument("i") < k0.Value());

    [PerformanceSpecification]
    public static Specification Depths => Specification
        .For<SynchronousScopes>(nameof(SynchronousScopes.Recurse))
        .Forall("c", Calls.OfScope())
        .Check(c => c.Result() == c.Argument("depth"));

    [PerformanceSpecification]
    public static Specification Nested => Specification
        .For<SynchronousScopes>(nameof(SynchronousScopes.Outer))
        .Forall("s", Calls.To<SynchronousScopes>(nameof(SynchronousScopes.Steps)))
        .Check(s => s.Argument("k") == 2);

    [PerformanceSpecification]
    public static Specification AsyncSteps => Specification
        .For<SynchronousScopes>(nameof(SynchronousScopes.StepsAsync))
        .Forall("c", Calls.To<SynchronousScopes>(nameof(SynchronousScopes.Step)))
        .Forall("k0", Changes.Of("k"))
        .Check((c, k0) => c.Argument("i") < k0.Value());
}
