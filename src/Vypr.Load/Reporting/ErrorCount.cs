namespace Vypr.Load.Reporting;

/// <summary>Failed instances of one exception type.</summary>
/// <param name="Type">The exception's full type name.</param>
/// <param name="Count">How many instances failed with it.</param>
/// <param name="FirstMessage">The first such exception's message, as an example.</param>
public sealed record ErrorCount(string Type, long Count, string FirstMessage);
