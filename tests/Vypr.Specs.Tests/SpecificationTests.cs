using System;
using System.Linq;
using Vypr.Formulas;
using Xunit;

namespace Vypr.Specs.Tests;

public sealed class SpecificationTests
{
    [Fact]
    public void The_fluent_form_builds_slots_atoms_and_PyCFTL_text()
    {
        Specification specification = Specification.For<Uploader>(nameof(Uploader.Upload))
            .Forall("q", Changes.Of("file"))
            .Forall("t", Calls.To<Store>(nameof(Store.Write)).After("q"))
            .Check((q, t) => Formula.If(q.Value() == "big.bin").Then(t.Duration() <= Duration.Seconds(1)));

        Assert.Equal(typeof(Uploader).FullName, specification.ScopeType);
        Assert.Equal("Upload", specification.ScopeMethod);
        Assert.Equal(2, specification.QuantifierCount);
        Assert.Equal(new[] { -1, 0 }, specification.Slots.Select(s => s.AfterSlot));
        Assert.Equal(typeof(Store).FullName, specification.Slots[1].Quantifier.DeclaringType);
        Assert.Equal(new[] { 0, 1 }, specification.Atoms.Select(a => a.Index));
        Assert.Equal(
            "Forall(q = Changes(file)).Forall(t = Calls(Store.Write, after q)).Check(If(q.Value() == \"big.bin\").Then(t.Duration() <= 1s))",
            specification.ToString());
    }

    [Fact]
    public void Each_distinct_next_call_is_one_implicit_slot_after_its_state()
    {
        Specification specification = Specification.For<Uploader>(nameof(Uploader.Upload))
            .Forall("q", Changes.Of("size"))
            .Check(q => q.NextCall<Store>(nameof(Store.Write)).Duration() < Duration.Milliseconds(5)
                & q.NextCall<Store>(nameof(Store.Write)).Result() == 3
                & q.NextCall("Flush").Duration() < Duration.Milliseconds(1));

        Assert.Equal(new[] { "q", "q.NextCall(Store.Write)", "q.NextCall(Flush)" }, specification.Slots.Select(s => s.Name));
        Assert.All(specification.Slots.Skip(1), s => Assert.True(s.IsNextCall && s.AfterSlot == 0));
        Assert.Equal(1, specification.QuantifierCount);
        var read = (MeasuredTerm)specification.Atoms[1].Left;
        Assert.Equal((1, "result"), (read.Slot, read.CaptureName));
    }

    [Fact]
    public void Terms_carry_units_captures_and_arithmetic()
    {
        Specification specification = Specification.For<Uploader>(nameof(Uploader.Upload))
            .Forall("t", Calls.To("Write"))
            .Check(t => t.Duration() < t.Argument("size").AsDuration(DurationUnit.Microseconds) * 0.7
                | t.Argument("name").Length().In(Interval.Open(0, 10))
                | Time.Between(t.Start(), t.End()) >= Duration.Nanoseconds(1));

        Atom first = specification.Atoms[0];
        Assert.True(first.Left.IsDuration);
        var right = Assert.IsType<ArithmeticTerm>(first.Right);
        Assert.True(right.IsDuration);
        Assert.Equal("arg:name#length", ((MeasuredTerm)specification.Atoms[1].Left).CaptureName);
        Assert.Equal("in (0, 10)", specification.Atoms[1].Condition);
        Assert.Equal(ArithmeticOperator.Subtract, Assert.IsType<ArithmeticTerm>(specification.Atoms[2].Left).Operator);
    }

    [Theory]
    [InlineData(5, 1, true, true, true)]
    [InlineData(1, 1, true, false, true)]
    [InlineData(1, 1, true, true, false)]
    [InlineData(1, 2, false, false, false)]
    public void Intervals_know_when_they_are_empty(double lower, double upper, bool lowerClosed, bool upperClosed, bool empty)
    {
        Interval<double> interval = (lowerClosed, upperClosed) switch
        {
            (true, true) => Interval.Closed(lower, upper),
            (true, false) => Interval.ClosedOpen(lower, upper),
            (false, true) => Interval.OpenClosed(lower, upper),
            _ => Interval.Open(lower, upper),
        };
        Assert.Equal(empty, interval.IsEmpty);
    }

    [Fact]
    public void Wrong_chains_fail_with_messages_that_name_the_bindings()
    {
        var unknown = Assert.Throws<ArgumentException>(() => Specification.For<Uploader>("Upload")
            .Forall("t", Calls.To("Write").After("q")));
        Assert.Contains("\"t\" must come after \"q\"", unknown.Message);

        var twice = Assert.Throws<ArgumentException>(() => Specification.For<Uploader>("Upload")
            .Forall("q", Changes.Of("a")).Forall("q", Changes.Of("b")));
        Assert.Contains("\"q\" is used twice", twice.Message);

        var noFormula = Assert.Throws<InvalidOperationException>(() => Specification.For<Uploader>("Upload")
            .Forall("t", Calls.To("Write")).Check(_ => null!));
        Assert.Contains("Check returned no formula", noFormula.Message);
    }

    private sealed class Uploader
    {
        public void Upload()
        {
        }
    }

    private sealed class Store
    {
        public void Write()
        {
        }
    }
}
