namespace Vypr.Generators.Model;

/// <summary>The shared body that every call site of one shape calls (see <c>InterceptorWriter.WriteShared</c>).</summary>
/// <param name="Name">The method's name: the called method's name and a hash of the body, stable across edits.</param>
/// <param name="Shape">The call without a place; its targets' site fields name the body's site parameters.</param>
internal sealed record SharedShape(string Name, InterceptedCall Shape);
