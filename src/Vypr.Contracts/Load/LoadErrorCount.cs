namespace Vypr.Contracts;

/// <summary>Failed instances of one exception type in a load test entry.</summary>
/// <param name="Type">The exception's full type name (prefixed <c>shutdown: </c> when shutdown threw it).</param>
/// <param name="Count">How many instances failed with it.</param>
/// <param name="FirstMessage">The first such exception's message, as an example (may be empty).</param>
public sealed record LoadErrorCount(string Type, long Count, string FirstMessage);
