using System;
using Vypr.Runtime;
using Xunit;

namespace Vypr.Runtime.Tests.Registry;

/// <summary>
/// A [MaxDuration] specification's formula model is built when first asked for, not when its assembly registers it
/// (that cost every test process, monitoring on or off): it must still be there, once, for each such specification.
/// </summary>
public sealed class MaxDurationFormulaTests
{
    [Theory]
    [InlineData(1L)]
    [InlineData(1_000_000_000L)]
    [InlineData(long.MaxValue)]
    public void The_model_of_a_MaxDuration_specification_is_built_on_first_use_and_kept(long boundNanoseconds)
    {
        string type = "Lazy" + Guid.NewGuid().ToString("N");
        int id = MonitorRegistry.RegisterSpecification($"M:{type}.Work(System.Int32)", $"{type}.Work(int)", "MaxDuration(\"1s\")", boundNanoseconds);

        Vypr.Specification first = Assert.IsType<Vypr.Specification>(MonitorRegistry.Formula(id));
        Assert.Same(first, MonitorRegistry.Formula(id));
        // The shape [MaxDuration] stands for: every call of the scope takes at most the bound.
        Assert.StartsWith("Forall(call = Calls(scope)).Check(call.Duration() <=", first.ToString(), StringComparison.Ordinal);

        // Registering the same key again is the same specification and the same model.
        Assert.Equal(id, MonitorRegistry.RegisterSpecification($"M:{type}.Work(System.Int32)", $"{type}.Work(int)", "MaxDuration(\"1s\")", boundNanoseconds));
        Assert.Same(first, MonitorRegistry.Formula(id));
    }

    [Fact]
    public void An_unknown_specification_has_no_model()
    {
        Assert.Null(MonitorRegistry.Formula(int.MaxValue));
    }
}
