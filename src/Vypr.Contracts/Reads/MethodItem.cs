namespace Vypr.Contracts.Reads;

/// <summary>A monitored method.</summary>
/// <param name="Id">The method's ID (used by the calls query).</param>
/// <param name="Name">The method, readable (<c>Uploader.PayloadHasher.Hash(byte[])</c>).</param>
public sealed record MethodItem(long Id, string Name);
