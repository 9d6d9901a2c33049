namespace Vypr.Server.Api;

/// <summary>The server's state.</summary>
/// <param name="Status">Always <c>ok</c> when the server answers.</param>
/// <param name="Store">The store's engine.</param>
/// <param name="SchemaVersion">The store's schema version.</param>
public sealed record HealthItem(string Status, string Store, int SchemaVersion);
