namespace Vypr.Generators.Model;

/// <summary>An invocation found by syntax alone: its invoked name and where it is. No semantics yet.</summary>
/// <param name="Name">The invoked simple name (<c>Hash</c> in <c>hasher.Hash(x)</c>).</param>
/// <param name="FilePath">The syntax tree's path.</param>
/// <param name="SpanStart">The invocation's start in the tree.</param>
/// <param name="SpanLength">The invocation's length.</param>
internal sealed record CallCandidate(string Name, string FilePath, int SpanStart, int SpanLength);
