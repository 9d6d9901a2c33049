namespace Vypr.Generators.Model;

/// <summary>
/// What a call site records for fluent specifications, in one of two roles: as a call of a scoped method (it
/// begins and ends an invocation, records the invocation's own event and the parameters at entry), or as a call
/// inside a scoped method's body (it records a call event and the changes its result makes).
/// </summary>
/// <param name="IsScope">True for a call of the scoped method; false for a call inside its body.</param>
/// <param name="ScopeField">The registrations field holding the scoped method's ID.</param>
/// <param name="OnCallingThread">For a scope call: the scoped method is neither <c>async</c> nor an iterator and cannot dispatch to another body (not virtual, abstract or an interface's), so the calls in its body run on the calling thread while the call lasts.</param>
/// <param name="Points">For a scope call: one <c>ScopeCall</c> point per specification and the <c>Change</c> points of parameters at entry; for an inner call: <c>Call</c> points and <c>Change</c> points of variables assigned its result.</param>
internal sealed record CallRole(bool IsScope, string ScopeField, EquatableArray<PointModel> Points, bool OnCallingThread = false);
