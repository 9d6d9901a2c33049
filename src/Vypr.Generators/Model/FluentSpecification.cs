using Vypr.Formulas;
namespace Vypr.Generators.Model;

/// <summary>
/// A fluent specification (a static member marked <c>[PerformanceSpecification]</c>) as the generator needs it:
/// where it is, what it is scoped to and what its slots range over. Plain values only, so the pipeline caches it.
/// </summary>
/// <param name="Key">The member's documentation comment ID (<c>P:Ns.Specs.BigWrites</c>): the specification's identity across compilations.</param>
/// <param name="MemberAccess">How generated code reads the member: <c>global::Ns.Specs.BigWrites</c>.</param>
/// <param name="Display">The member, readable (<c>Ns.Specs.BigWrites</c>).</param>
/// <param name="ScopeKey">The scoped method's documentation comment ID.</param>
/// <param name="ScopeName">The scoped method's simple name (for the syntactic pre-filter on invocations).</param>
/// <param name="ScopeDisplay">The scoped method, readable (<c>Ns.Uploader.Upload(string)</c>).</param>
/// <param name="ScopeIsAsync">True when the scoped method returns a Task or ValueTask (its call ends when the task completes).</param>
/// <param name="Slots">The slots, by index.</param>
/// <param name="ScopeCaptures">What a call site of the scoped method must capture: <c>arg:NAME</c> (for <c>Changes.Of(parameter)</c> and <c>c.Argument(NAME)</c> of a <c>Calls.OfScope()</c> slot) and <c>result</c>, with optional <c>#length</c>. Sorted, distinct.</param>
internal sealed record FluentSpecification(
    string Key,
    string MemberAccess,
    string Display,
    string ScopeKey,
    string ScopeName,
    string ScopeDisplay,
    bool ScopeIsAsync,
    EquatableArray<SlotModel> Slots,
    EquatableArray<CaptureName> ScopeCaptures);
