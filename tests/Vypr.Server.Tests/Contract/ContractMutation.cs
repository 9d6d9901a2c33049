namespace Vypr.Server.Tests.Contract;

/// <summary>A change that breaks one documented constraint of a valid document, and the JSON path the 400 must name.</summary>
/// <param name="Name">What the change does.</param>
/// <param name="Body">The changed request body.</param>
/// <param name="Path">The path the problem document must name in <c>errors</c>.</param>
public sealed record ContractMutation(string Name, string Body, string Path);
