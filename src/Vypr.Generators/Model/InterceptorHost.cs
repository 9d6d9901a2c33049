namespace Vypr.Generators.Model;

/// <summary>
/// The user's type an interceptor is declared in, when its signature names a private or protected nested type that
/// only code inside the containing type can name. Every type from the namespace down to it is partial, so the
/// generated file adds a partial declaration of each around the interceptor.
/// </summary>
/// <param name="Namespace">The namespace of the outermost type, or empty for the global namespace.</param>
/// <param name="Declarations">The partial declarations, outermost first (<c>partial class Outer</c>, <c>partial record Fake</c>).</param>
/// <param name="IsInstance">
/// True when the call is of an instance method: the interceptor is then an instance method of the receiver's type
/// (a classic extension method cannot be declared in a nested class), which forwards to the static probe body.
/// </param>
internal sealed record InterceptorHost(string Namespace, EquatableArray<string> Declarations, bool IsInstance);
