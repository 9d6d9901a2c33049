using Vypr.Formulas;

namespace Vypr;

/// <summary>A bound change of a variable (a state): it has the new value and a moment.</summary>
public sealed class StateBinding : Binding
{
    internal StateBinding(SpecificationDraft draft, int slot, string name)
        : base(draft, slot, name)
    {
    }

    /// <summary>The variable's new value in this state.</summary>
    /// <returns>The value term.</returns>
    public ValueTerm Value() => new(new MeasuredTerm(Slot, Name, Measurement.Value, null, length: false));

    /// <summary>The first call of a method named <paramref name="method"/> that starts after this state (PyCFTL's <c>q.next_call('f')</c>).</summary>
    /// <param name="method">The method's name; write <c>nameof(Type.Method)</c>.</param>
    /// <returns>The call, to measure like any bound call.</returns>
    public CallBinding NextCall(string method) => Draft.NextCall(this, Specification.RequireName(method, nameof(method)), null);

    /// <summary>The first call of <typeparamref name="T"/>'s method <paramref name="method"/> that starts after this state.</summary>
    /// <typeparam name="T">The type that declares the method.</typeparam>
    /// <param name="method">The method's name; write <c>nameof(T.Method)</c>.</param>
    /// <returns>The call, to measure like any bound call.</returns>
    public CallBinding NextCall<T>(string method) =>
        Draft.NextCall(this, Specification.RequireName(method, nameof(method)), Specification.TypeName(typeof(T)));

    /// <summary>The moment of this state, for <see cref="Time.Between"/>.</summary>
    /// <param name="state">The state.</param>
    public static implicit operator Moment(StateBinding state) =>
        new(new MeasuredTerm(state.Slot, state.Name, Measurement.End, null, length: false));
}
