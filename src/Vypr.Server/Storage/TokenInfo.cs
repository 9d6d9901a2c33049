using System;

namespace Vypr.Server.Storage;

/// <summary>An API token as the store keeps it: never the token itself, only its hash.</summary>
/// <param name="Name">The name it was created under.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="RevokedAt">When it was revoked, if it was.</param>
/// <param name="Project">The only project it may write, or null when it may write any.</param>
internal sealed record TokenInfo(string Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, string? Project);
