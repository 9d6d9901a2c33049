using System;
using System.Collections.Generic;
using Vypr.Load.Scheduling;

namespace Vypr.Load.Running;

/// <summary>How a plan is run.</summary>
public sealed class LoadRunOptions
{
    /// <summary>How long to fire; overrides the plan's <c>duration</c>.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The clock; a <see cref="SystemLoadClock"/> with the plan's spin window when null.</summary>
    public LoadClock? Clock { get; init; }

    /// <summary>Called on a timer while instances fire, with every entry's progress and the time since the origin.</summary>
    public Action<IReadOnlyList<LoadProgress>, TimeSpan>? Progress { get; init; }

    /// <summary>How often <see cref="Progress"/> is called.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Called once when firing stops early (a graceful stop), before in-flight instances are awaited.</summary>
    public Action? Stopping { get; init; }
}
