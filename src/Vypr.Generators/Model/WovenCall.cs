using Vypr.Formulas;
namespace Vypr.Generators.Model;

/// <summary>A method whose calls in a scoped method's body a specification quantifies over, as the IL weaver finds them.</summary>
/// <param name="TargetKey">The called method's documentation comment ID (its original definition; an extension method's static form).</param>
/// <param name="Method">The called method's simple name, registered with the point.</param>
/// <param name="DeclaringType">The declaring types the point is registered with (<c>Type.FullName</c>s separated by <c>|</c>), as the interceptor registers them.</param>
/// <param name="Captures">What the call's event captures (<c>arg:n</c>, <c>result</c>). Sorted, distinct.</param>
internal sealed record WovenCall(string TargetKey, string Method, string DeclaringType, EquatableArray<CaptureName> Captures);
