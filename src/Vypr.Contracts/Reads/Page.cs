using System.Collections.Generic;

namespace Vypr.Contracts.Reads;

/// <summary>One page of a listing.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items, in listing order: by ascending ID (summaries: by test, then call site).</param>
/// <param name="Next">The <c>after</c> value that asks for the next page; null on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, long? Next);
