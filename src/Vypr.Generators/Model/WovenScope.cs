namespace Vypr.Generators.Model;

/// <summary>
/// A fluent specification whose scoped method the IL backend (Vypr.Fody) weaves in its own body, because the project
/// sets <c>VyprWeaving</c> to <c>IL</c> or <c>Both</c> and declares the method: what the weaver records there. The
/// generator stays the one reader of specifications; it writes this as assembly metadata that the weaver reads from
/// the compiled assembly and removes.
/// </summary>
/// <param name="Contract">The invocation's own event and the parameters observed at entry, as call sites would record them.</param>
/// <param name="Calls">The calls in the scoped method's body that the specification quantifies over, by target.</param>
/// <param name="Changes">The parameters, locals and fields whose writes in the body it observes, with what each change captures.</param>
internal sealed record WovenScope(
    ScopeCallContract Contract,
    EquatableArray<WovenCall> Calls,
    EquatableArray<ParameterChange> Changes);
