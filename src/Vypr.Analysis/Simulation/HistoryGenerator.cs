using System;
using System.Collections.Generic;

namespace Vypr.Analysis.Simulation;

/// <summary>
/// Generates performance histories that look like CI data, with the truth known: log-normal run-to-run noise,
/// samples inside each run, outlier samples, runs that land on a slow machine state, slow drift, and persistent
/// steps of 2–50% at known commits. Seeded: the same seed gives the same histories.
/// </summary>
public sealed class HistoryGenerator
{
    private static readonly double[] StepSizes = [0.02, 0.05, 0.10, 0.20, 0.30, 0.50];
    private readonly Random random;

    /// <summary>Creates a generator.</summary>
    /// <param name="seed">The seed.</param>
    public HistoryGenerator(int seed)
    {
        random = new Random(seed);
    }

    /// <summary>Samples taken inside each run.</summary>
    public int SamplesPerRun { get; init; } = 10;

    /// <summary>The chance that a run lands in a slow mode (a noisy neighbour, a throttled CPU): all its samples 15–30% slower.</summary>
    public double SlowRunChance { get; init; } = 0.02;

    /// <summary>The chance that a sample is an outlier, 1.5–3 times its run's level (a GC pause, a page fault).</summary>
    public double OutlierChance { get; init; } = 0.02;

    /// <summary>The largest drift of the level per commit, as a share; the drift's slope changes every 100–300 commits.</summary>
    public double MaxDriftPerCommit { get; init; } = 0.0002;

    /// <summary>The fewest commits between two steps.</summary>
    public int MinStepGap { get; init; } = 50;

    /// <summary>The most commits between two steps.</summary>
    public int MaxStepGap { get; init; } = 120;

    /// <summary>The share of steps that are regressions (upwards); the others are improvements.</summary>
    public double RegressionShare { get; init; } = 0.7;

    /// <summary>Generates one history.</summary>
    /// <param name="commits">The number of commits (one run each).</param>
    /// <param name="noise">The run-to-run noise as a log-normal σ (0.03 = 3%); samples inside a run vary by the same σ.</param>
    /// <returns>The history and its steps.</returns>
    public LabelledHistory Generate(int commits, double noise)
    {
        if (commits < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(commits), commits, "A history needs at least one commit.");
        }

        if (!(noise >= 0) || double.IsInfinity(noise))
        {
            throw new ArgumentOutOfRangeException(nameof(noise), noise, "The noise must be a finite σ of at least 0.");
        }

        var steps = new List<LabelledStep>();
        var runs = new List<double[]>(commits);
        double level = Math.Log(1e6 * (0.5 + random.NextDouble()));
        double drift = 0;
        int nextDriftChange = 0;
        int nextStep = MinStepGap / 2 + random.Next(MaxStepGap);
        for (int i = 0; i < commits; i++)
        {
            if (i == nextDriftChange)
            {
                drift = (2 * random.NextDouble() - 1) * MaxDriftPerCommit;
                nextDriftChange = i + 100 + random.Next(201);
            }

            level += drift;
            if (i == nextStep)
            {
                double size = StepSizes[random.Next(StepSizes.Length)];
                double ratio = random.NextDouble() < RegressionShare ? 1 + size : 1 / (1 + size);
                steps.Add(new LabelledStep(i, ratio));
                level += Math.Log(ratio);
                nextStep = i + MinStepGap + random.Next(MaxStepGap - MinStepGap + 1);
            }

            double runLevel = level + (noise * Gaussian());
            if (random.NextDouble() < SlowRunChance)
            {
                runLevel += Math.Log(1.15 + (0.15 * random.NextDouble()));
            }

            var samples = new double[SamplesPerRun];
            for (int s = 0; s < samples.Length; s++)
            {
                double v = runLevel + (noise * Gaussian());
                if (random.NextDouble() < OutlierChance)
                {
                    v += Math.Log(1.5 + (1.5 * random.NextDouble()));
                }

                samples[s] = Math.Exp(v);
            }

            runs.Add(samples);
        }

        return new LabelledHistory(noise, runs, steps);
    }

    private double Gaussian()
    {
        double u1 = 1 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
