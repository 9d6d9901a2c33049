namespace Vypr.Analysis.Simulation;

/// <summary>How a rule did on a set of labelled histories, for regressions of one size band.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Noise">The histories' noise σ.</param>
/// <param name="MinStep">The smallest regression counted in <paramref name="Steps"/>.</param>
/// <param name="Steps">How many regressions of at least <paramref name="MinStep"/> there were.</param>
/// <param name="Hits">How many of them an alarm named within the allowed lag.</param>
/// <param name="FalseAlarms">Alarms that named no regression within the lag (over all steps, any size).</param>
/// <param name="Commits">The commits scored.</param>
/// <param name="MeanDelay">The mean of (commit at which the alarm was raised − true step) over hits.</param>
/// <param name="MaxDelay">The largest such delay.</param>
public sealed record RuleScore(string Rule, double Noise, double MinStep, int Steps, int Hits, int FalseAlarms, int Commits, double MeanDelay, int MaxDelay)
{
    /// <summary>Hits over steps.</summary>
    public double Recall => Steps == 0 ? double.NaN : (double)Hits / Steps;

    /// <summary>False alarms per 1,000 commits.</summary>
    public double FalseAlarmsPerThousand => Commits == 0 ? double.NaN : 1000.0 * FalseAlarms / Commits;
}
