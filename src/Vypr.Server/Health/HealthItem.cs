namespace Vypr.Server.Health;

/// <summary>The server's state.</summary>
/// <param name="Status"><c>ok</c> when the store answers, else <c>unhealthy</c> (with status 503).</param>
/// <param name="Store">The store's engine.</param>
/// <param name="SchemaVersion">The store's schema version.</param>
public sealed record HealthItem(string Status, string Store, int SchemaVersion);
