using System;

namespace Vypr.Analysis.History;

/// <summary>A metric's baseline.</summary>
/// <param name="Commit">The first commit whose run counts.</param>
/// <param name="Reason">Why (an acknowledged change, a release), as the person wrote it.</param>
/// <param name="SetAt">When it was set.</param>
public sealed record Baseline(string Commit, string? Reason, DateTimeOffset SetAt);
