using System;

namespace Vypr.Server.Storage;

/// <summary>
/// Instants are stored as microseconds since the Unix epoch (UTC) in a BIGINT: both engines compare and index
/// them the same way, unlike their differing date types.
/// </summary>
internal static class Microseconds
{
    public static long From(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static long? From(DateTimeOffset? instant) => instant is { } value ? From(value) : null;

    public static DateTimeOffset ToInstant(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * 10);

    public static DateTimeOffset? ToInstant(long? microseconds) => microseconds is { } value ? ToInstant(value) : null;
}
