using System;
using System.Collections.Generic;
using Vypr.Load.Scheduling;
using Vypr.Load.Thresholds;

namespace Vypr.Load.Configuration;

/// <summary>One test entry of a plan: which test type, how it is fired, with which constructor arguments, and its thresholds.</summary>
public sealed class LoadTestPlan
{
    /// <summary>The entry's name in reports (unique in the plan; the type's short name unless given).</summary>
    public required string Name { get; init; }

    /// <summary>The test type's full name.</summary>
    public required string TypeName { get; init; }

    /// <summary>Where the type is named.</summary>
    public required SourcePosition TypePosition { get; init; }

    /// <summary>The full path of the assembly holding the type.</summary>
    public required string AssemblyPath { get; init; }

    /// <summary>Where the assembly is named.</summary>
    public required SourcePosition AssemblyPosition { get; init; }

    /// <summary>The open model's rate over time; null for the closed model.</summary>
    public RateProfile? Profile { get; init; }

    /// <summary>The closed model's number of instances running at once; null for the open model.</summary>
    public int? Concurrency { get; init; }

    /// <summary>The open model's bound on instances in flight: a fire due while this many run is dropped, and counted.</summary>
    public int MaxInFlight { get; init; } = LoadPlan.DefaultMaxInFlight;

    /// <summary>A fire that starts later than this after its intended start is counted as late.</summary>
    public TimeSpan LateAfter { get; init; } = LoadPlan.DefaultLateAfter;

    /// <summary>Constructor arguments by parameter name.</summary>
    public IReadOnlyList<PlanArgument> Arguments { get; init; } = [];

    /// <summary>The thresholds the entry's results must meet.</summary>
    public IReadOnlyList<Threshold> Thresholds { get; init; } = [];
}
