using System;
using System.Collections.Generic;
using System.Linq;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace Vypr.Analysis.Simulation;

/// <summary>
/// perftracker's rule: an equal-variance Student t-test between the previous run's samples and this run's, alarm
/// when p is below a level and the mean went up.
/// </summary>
/// <param name="Level">The significance level (perftracker: 0.1).</param>
public sealed record StudentTRule(double Level) : IRegressionRule
{
    /// <inheritdoc/>
    public string Name => $"t-test vs previous run, p < {Level}";

    /// <inheritdoc/>
    public IReadOnlyList<Alarm> Alarms(IReadOnlyList<double[]> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var alarms = new List<Alarm>();
        for (int t = 1; t < runs.Count; t++)
        {
            double[] x = runs[t - 1];
            double[] y = runs[t];
            if (x.Length < 2 || y.Length < 2)
            {
                continue;
            }

            double mx = x.Average();
            double my = y.Average();
            double pooled = ((x.Sum(v => (v - mx) * (v - mx))) + y.Sum(v => (v - my) * (v - my))) / (x.Length + y.Length - 2);
            double se = Math.Sqrt(pooled * ((1.0 / x.Length) + (1.0 / y.Length)));
            if (!(se > 0))
            {
                continue;
            }

            double tStat = (my - mx) / se;
            double p = 2 * (1 - new StudentDistribution(x.Length + y.Length - 2).Cdf(Math.Abs(tStat)));
            if (p < Level && my > mx)
            {
                alarms.Add(new Alarm(t, t));
            }
        }

        return alarms;
    }
}
