using System;

namespace Vypr;

/// <summary>A constant duration with an explicit unit, for bounds in specifications: <c>Duration.Milliseconds(50)</c>.</summary>
public readonly struct Duration : IEquatable<Duration>
{
    private Duration(double nanoseconds) => TotalNanoseconds = nanoseconds;

    /// <summary>The duration in nanoseconds.</summary>
    public double TotalNanoseconds { get; }

    /// <summary>A duration of <paramref name="value"/> nanoseconds.</summary>
    /// <param name="value">The number of nanoseconds.</param>
    /// <returns>The duration.</returns>
    public static Duration Nanoseconds(double value) => new(value);

    /// <summary>A duration of <paramref name="value"/> microseconds.</summary>
    /// <param name="value">The number of microseconds.</param>
    /// <returns>The duration.</returns>
    public static Duration Microseconds(double value) => new(value * 1e3);

    /// <summary>A duration of <paramref name="value"/> milliseconds.</summary>
    /// <param name="value">The number of milliseconds.</param>
    /// <returns>The duration.</returns>
    public static Duration Milliseconds(double value) => new(value * 1e6);

    /// <summary>A duration of <paramref name="value"/> seconds.</summary>
    /// <param name="value">The number of seconds.</param>
    /// <returns>The duration.</returns>
    public static Duration Seconds(double value) => new(value * 1e9);

    /// <summary>A duration of <paramref name="value"/> minutes.</summary>
    /// <param name="value">The number of minutes.</param>
    /// <returns>The duration.</returns>
    public static Duration Minutes(double value) => new(value * 60e9);

    /// <summary>A duration of <paramref name="value"/> <paramref name="unit"/>s.</summary>
    /// <param name="value">The number of units.</param>
    /// <param name="unit">The unit.</param>
    /// <returns>The duration.</returns>
    public static Duration Of(double value, DurationUnit unit) => new(value * NanosecondsPer(unit));

    /// <summary>How many nanoseconds one <paramref name="unit"/> is.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>The factor.</returns>
    public static double NanosecondsPer(DurationUnit unit) => unit switch
    {
        DurationUnit.Nanoseconds => 1,
        DurationUnit.Microseconds => 1e3,
        DurationUnit.Milliseconds => 1e6,
        DurationUnit.Seconds => 1e9,
        DurationUnit.Minutes => 60e9,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown duration unit"),
    };

    /// <inheritdoc />
    public bool Equals(Duration other) => TotalNanoseconds.Equals(other.TotalNanoseconds);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Duration other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => TotalNanoseconds.GetHashCode();

    /// <summary>The duration in the largest readable unit (<c>1.5ms</c>).</summary>
    /// <returns>The literal form.</returns>
    public override string ToString() => DurationText.FormatNanoseconds(TotalNanoseconds);

    /// <summary>Whether two durations are equal.</summary>
    /// <param name="left">A duration.</param>
    /// <param name="right">Another duration.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(Duration left, Duration right) => left.Equals(right);

    /// <summary>Whether two durations differ.</summary>
    /// <param name="left">A duration.</param>
    /// <param name="right">Another duration.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(Duration left, Duration right) => !left.Equals(right);
}
