namespace Vypr.Contracts.Reads;

/// <summary>A specification, identified across runs by the hash of its key.</summary>
/// <param name="Id">The specification's ID.</param>
/// <param name="MethodId">The method it constrains.</param>
/// <param name="Method">The method, readable.</param>
/// <param name="Text">The specification as written.</param>
/// <param name="Hash">SHA-256 of its key (method identity and text), in hexadecimal.</param>
/// <param name="Version">1 for the method's first specification, 2 for the next distinct one, and so on.</param>
/// <param name="BoundNanoseconds">The duration bound.</param>
public sealed record SpecificationItem(long Id, long MethodId, string Method, string Text, string Hash, long Version, long BoundNanoseconds);
