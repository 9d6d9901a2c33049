using System.Collections.Generic;

namespace Vypr.Analysis.Server.Wire;

/// <summary>One page of a read API listing (docs/openapi.json, <c>Page</c>).</summary>
internal sealed record WirePage<T>(IReadOnlyList<T> Items, long? Next);
