using System;
using System.Collections.Generic;

namespace Vypr.Load.Configuration;

/// <summary>A load plan, as read from its YAML file (see docs/load.md).</summary>
public sealed class LoadPlan
{
    /// <summary>The default bound on instances in flight per test entry.</summary>
    public const int DefaultMaxInFlight = 10_000;

    /// <summary>The default lateness after which a fire is counted as late.</summary>
    public static readonly TimeSpan DefaultLateAfter = TimeSpan.FromMilliseconds(10);

    /// <summary>The plan file's path.</summary>
    public required string File { get; init; }

    /// <summary>How long the run fires (the command line's <c>-d</c> overrides it); null when neither gives one.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>How long before an intended start the scheduler stops sleeping and yields the core in a loop.</summary>
    public TimeSpan SpinWindow { get; init; } = Scheduling.SystemLoadClock.DefaultSpinWindow;

    /// <summary>The test entries.</summary>
    public required IReadOnlyList<LoadTestPlan> Tests { get; init; }
}
