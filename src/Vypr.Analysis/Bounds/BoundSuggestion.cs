using System;
using System.Globalization;

namespace Vypr.Analysis.Bounds;

/// <summary>A proposed <c>[MaxDuration]</c> bound for a monitored method, from the durations of good runs.</summary>
/// <param name="Method">The monitored method.</param>
/// <param name="CurrentText">The specification as written now (<c>MaxDuration("50ms")</c>).</param>
/// <param name="CurrentBoundNanoseconds">The current bound.</param>
/// <param name="Calls">The durations the proposal rests on (kept verdicts of the good runs).</param>
/// <param name="Runs">The runs they came from.</param>
/// <param name="ViolatingRuns">How many of those runs hold a violation of the current bound (not good runs by it).</param>
/// <param name="QuantileNanoseconds">The high quantile of the durations (Harrell-Davis estimate).</param>
/// <param name="Quantile">Which quantile (0.99).</param>
/// <param name="MaxNanoseconds">The longest call in the good runs (exact, from the summaries).</param>
/// <param name="Margin">The margin added to the quantile (0.2 = 20%).</param>
/// <param name="BoundNanoseconds">
/// The proposed bound: the quantile times 1 + margin, or the longest call when that is longer (a bound is checked on
/// every call, so one under a call of these runs would fail them), rounded up to two significant digits; never under
/// <see cref="FloorNanoseconds"/>.
/// </param>
public sealed record BoundSuggestion(
    string Method,
    string CurrentText,
    long CurrentBoundNanoseconds,
    int Calls,
    int Runs,
    int ViolatingRuns,
    double QuantileNanoseconds,
    double Quantile,
    long MaxNanoseconds,
    double Margin,
    long BoundNanoseconds)
{
    /// <summary>The proposed bound as the attribute's text (<c>"25ms"</c>).</summary>
    public string BoundText => DurationText.Format(BoundNanoseconds);

    /// <summary>The least bound the suggester proposes (a shared machine's scheduling noise); 0 for none.</summary>
    public long FloorNanoseconds { get; init; }

    /// <summary>Whether the longest call, not the quantile and margin, decided the bound.</summary>
    public bool LongestCallDecides => !FloorDecides && BoundNanoseconds > DurationText.RoundUp(QuantileNanoseconds * (1 + Margin));

    /// <summary>Whether the floor, not the durations, decided the bound: every call of the runs was far shorter.</summary>
    public bool FloorDecides => FloorNanoseconds > 0 && BoundNanoseconds == FloorNanoseconds
        && FloorNanoseconds > Math.Max(DurationText.RoundUp(QuantileNanoseconds * (1 + Margin)), DurationText.RoundUp(MaxNanoseconds));

    /// <summary>The attribute with a comment saying where it comes from, ready to paste above the method.</summary>
    public string Code => string.Create(CultureInfo.InvariantCulture,
        $"[MaxDuration(\"{BoundText}\")] // {Method}: p{Quantile * 100:0.#} {DurationText.Format((long)QuantileNanoseconds)} over {Calls} calls in {Runs} run(s){Violating}, max {DurationText.Format(MaxNanoseconds)}{Decider} (was {CurrentText})");

    private string Violating => ViolatingRuns == 0
        ? string.Empty
        : string.Create(CultureInfo.InvariantCulture, $" ({ViolatingRuns} with violations of the current bound)");

    private string Decider => FloorDecides
        ? string.Create(CultureInfo.InvariantCulture, $"; the floor {DurationText.Format(FloorNanoseconds)} decides the bound (p{Quantile * 100:0.#} +{Margin * 100:0.#}% is {DurationText.Format(DurationText.RoundUp(QuantileNanoseconds * (1 + Margin)))}, which one preemption of a shared machine exceeds; --floor changes it)")
        : LongestCallDecides
        ? string.Create(CultureInfo.InvariantCulture, $" decides the bound (p{Quantile * 100:0.#} +{Margin * 100:0.#}% is under it, and a bound under a call of these runs fails them)")
        : string.Create(CultureInfo.InvariantCulture, $", +{Margin * 100:0.#}% margin");
}
