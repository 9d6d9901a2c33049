using System;

namespace Vypr.Server.Reads;

/// <summary>Which calls of a method a query wants.</summary>
/// <param name="Verdict">Only calls whose verdict has this value (false: the violations).</param>
/// <param name="RunId">Only calls of this run.</param>
/// <param name="TestId">Only calls made by this test (its store ID).</param>
/// <param name="From">Only calls that started at or after this instant.</param>
/// <param name="To">Only calls that started before this instant.</param>
internal sealed record CallFilter(bool? Verdict, Guid? RunId, long? TestId, DateTimeOffset? From, DateTimeOffset? To);
