namespace Vypr.Server.Storage;

/// <summary>What a live token allows: writes, to one project or to any.</summary>
/// <param name="Name">The token's name.</param>
/// <param name="Project">The only project it may write, or null when it may write any (tokens created without <c>--project</c>).</param>
internal sealed record TokenGrant(string Name, string? Project);
