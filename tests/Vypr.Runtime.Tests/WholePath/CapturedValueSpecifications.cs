namespace Vypr.Runtime.Tests.WholePath;

/// <summary>One specification per kind of value a probe captures; each observes the argument of its method.</summary>
public static class CapturedValueSpecifications
{
    [PerformanceSpecification]
    public static Specification Doubles => Specification
        .For<CapturedValues>(nameof(CapturedValues.Double))
        .Forall("q", Changes.Of("n"))
        .Check(q => q.Value() < 1);

    [PerformanceSpecification]
    public static Specification Longs => Specification
        .For<CapturedValues>(nameof(CapturedValues.Long))
        .Forall("q", Changes.Of("n"))
        .Check(q => q.Value() < 1);

    [PerformanceSpecification]
    public static Specification Ints => Specification
        .For<CapturedValues>(nameof(CapturedValues.Int))
        .Forall("q", Changes.Of("n"))
        .Check(q => q.Value() < 1);

    [PerformanceSpecification]
    public static Specification Decimals => Specification
        .For<CapturedValues>(nameof(CapturedValues.Decimal))
        .Forall("q", Changes.Of("n"))
        .Check(q => q.Value() < 1);

    [PerformanceSpecification]
    public static Specification Singles => Specification
        .For<CapturedValues>(nameof(CapturedValues.Single))
        .Forall("q", Changes.Of("n"))
        .Check(q => q.Value() < 1);

    [PerformanceSpecification]
    public static Specification Texts => Specification
        .For<CapturedValues>(nameof(CapturedValues.Text))
        .Forall("q", Changes.Of("s"))
        .Check(q => q.Value() == "x");

    // Issue 8, defect 2: an infinite observation (any n > 0 divided by zero) lost the whole run's results file.
    [PerformanceSpecification]
    public static Specification Quotients => Specification
        .For<CapturedValues>(nameof(CapturedValues.Divide))
        .Forall("q", Changes.Of("n"))
        .Check(q => q.Value() / 0 < 1);
}
