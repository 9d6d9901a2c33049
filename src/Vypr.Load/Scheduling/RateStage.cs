using System;

namespace Vypr.Load.Scheduling;

/// <summary>One stage of a rate profile: over <see cref="Duration"/> the rate moves linearly to <see cref="TargetRate"/>.</summary>
/// <param name="Duration">How long the stage lasts.</param>
/// <param name="TargetRate">Fires per second at the end of the stage.</param>
public sealed record RateStage(TimeSpan Duration, double TargetRate);
