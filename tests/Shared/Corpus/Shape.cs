namespace Vypr.Tests.Shared.Corpus;

/// <summary>
/// One call shape of the corpus: declarations holding the called method (with <c>BOUND</c> where its
/// <c>[MaxDuration]</c> goes), and a statement that calls it exactly once.
/// </summary>
/// <param name="Name">What the shape is, for messages.</param>
/// <param name="Declarations">Types declaring the called method; <c>BOUND</c> marks the place of its attribute.</param>
/// <param name="Target">The type a fluent specification names for the call (<c>Calls.To&lt;Target&gt;</c>, <c>Specification.For&lt;Target&gt;</c>), or null to name the method only.</param>
/// <param name="Method">The called method's name.</param>
/// <param name="Call">Statements that call it exactly once.</param>
/// <param name="IsAsync">True when <paramref name="Call"/> awaits.</param>
/// <param name="DeclinedIn">The roles (<c>a</c>: [MaxDuration] call, <c>b</c>: quantified call, <c>c</c>: scoped call) in which the generator declines the call, saying so with a documented diagnostic.</param>
/// <param name="Change">A text variable <paramref name="Call"/> assigns from the call's result, observed by a <c>Changes.Of</c> specification; or null.</param>
/// <param name="IsLibraryCall">True when the called method is not in source (a BCL API): only the role of a quantified call applies.</param>
/// <param name="IsScopable">False when the method cannot be the scoped method of a specification (overloaded, no body).</param>
/// <param name="IsDirect">False when <paramref name="Call"/> reaches the method through another member of the declarations (so no specification scoped to the caller sees it).</param>
public sealed record Shape(
    string Name,
    string Declarations,
    string? Target,
    string Method,
    string Call,
    bool IsAsync = false,
    string DeclinedIn = "",
    string? Change = null,
    bool IsLibraryCall = false,
    bool IsScopable = true,
    bool IsDirect = true);
