using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using Vypr.Benchmarks.Woven;

namespace Vypr.Benchmarks;

/// <summary>
/// The woven probe against the interceptor probe, measured by the CPU time of the calling thread
/// (<c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>) rather than by the wall clock, so that the other processes of a
/// shared machine do not count: each shape runs in its own process, processes of all shapes interleaved round after
/// round, and the medians compared. <c>--cpu-time compare [rounds] [calls]</c> runs the comparison;
/// <c>--cpu-time one SHAPE CALLS</c> is one process of it, printing the median CPU nanoseconds per call of 15 samples.
/// </summary>
public static class ProbeCpuTime
{
    private const int ThreadCpuClock = 3;
    private const int Samples = 15;

    private static readonly string[] Shapes =
    [
        "clock: 2x Stopwatch.GetTimestamp",
        "unwoven method",
        "IL-woven method",
        "intercepted call",
        "plain method calling Step",
        "IL-woven scope, one quantified call",
        "generator's scope, one quantified call",
    ];

    private static int s_value = 41;

    public static int Run(string[] args)
    {
        if (args.Length >= 3 && args[0] == "one")
        {
            Console.WriteLine(MeasureOne(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture)).ToString("F3", CultureInfo.InvariantCulture));
            return 0;
        }

        int rounds = args.Length >= 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
        int calls = args.Length >= 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200_000;
        Compare(rounds, calls);
        return 0;
    }

    private static void Compare(int rounds, int calls)
    {
        var results = Shapes.Select(_ => new List<double>()).ToArray();
        string self = typeof(ProbeCpuTime).Assembly.Location;
        for (int round = 0; round < rounds; round++)
        {
            // Each round starts with a different shape, so no shape always runs first or last.
            for (int k = 0; k < Shapes.Length; k++)
            {
                int shape = (k + round) % Shapes.Length;
                var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
                start.ArgumentList.Add(self);
                foreach (string argument in new[] { "--cpu-time", "one", shape.ToString(CultureInfo.InvariantCulture), calls.ToString(CultureInfo.InvariantCulture) })
                {
                    start.ArgumentList.Add(argument);
                }

                using Process process = Process.Start(start)!;
                string output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                // The first line is the measurement; with monitoring on, the verdict table follows it.
                results[shape].Add(double.Parse(output.Split('\n')[0].Trim(), CultureInfo.InvariantCulture));
            }
        }

        Console.WriteLine($"VYPR_MONITORING={Environment.GetEnvironmentVariable("VYPR_MONITORING")}, {rounds} rounds of one process per shape, {Samples} samples of {calls:N0} calls per process");
        Console.WriteLine();
        Console.WriteLine("| call | median of process medians, CPU ns per call | min | max |");
        Console.WriteLine("|---|---:|---:|---:|");
        for (int shape = 0; shape < Shapes.Length; shape++)
        {
            Console.WriteLine(FormattableString.Invariant($"| {Shapes[shape]} | {Median(results[shape]):F2} | {results[shape].Min():F2} | {results[shape].Max():F2} |"));
        }

        double Ratio(int a, int b) => Median(results[a]) / Median(results[b]);
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"IL-woven / intercepted: {Ratio(2, 3):F3}; IL-woven / clock: {Ratio(2, 0):F3}; intercepted / clock: {Ratio(3, 0):F3}; IL-woven scope / generator's scope: {Ratio(5, 6):F3}"));
    }

    private static double MeasureOne(int shape, int calls)
    {
        // Warm up until the loops are compiled at tier 1 (call counting, then a background compile).
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 40; j++)
            {
                Loop(shape, 1_000);
            }

            Thread.Sleep(150);
        }

        Loop(shape, calls);
        var samples = new double[Samples];
        for (int i = 0; i < Samples; i++)
        {
            long before = ThreadCpuNanoseconds();
            Loop(shape, calls);
            samples[i] = (ThreadCpuNanoseconds() - before) / (double)calls;
        }

        return Median(samples);
    }

    private static int Loop(int shape, int calls) => shape switch
    {
        0 => Clock(calls),
        1 => Unwoven(calls),
        2 => Woven(calls),
        3 => Intercepted(calls),
        4 => PlainScope(calls),
        5 => WovenScope(calls),
        _ => GeneratorScope(calls),
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Clock(int calls)
    {
        long sum = 0;
        for (int i = 0; i < calls; i++)
        {
            sum += Stopwatch.GetTimestamp() - Stopwatch.GetTimestamp() + s_value;
        }

        return (int)sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Unwoven(int calls)
    {
        int sum = 0;
        for (int i = 0; i < calls; i++)
        {
            sum += WovenTarget.Plain(s_value);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Woven(int calls)
    {
        int sum = 0;
        for (int i = 0; i < calls; i++)
        {
            sum += WovenTarget.Monitored(s_value);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Intercepted(int calls)
    {
        int sum = 0;
        for (int i = 0; i < calls; i++)
        {
            sum += Target.Monitored(s_value);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int PlainScope(int calls)
    {
        int sum = 0;
        for (int i = 0; i < calls; i++)
        {
            sum += Pipeline.RunOncePlain(i);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int WovenScope(int calls)
    {
        int sum = 0;
        for (int i = 0; i < calls; i++)
        {
            sum += WovenPipeline.RunOnce(i);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int GeneratorScope(int calls)
    {
        int sum = 0;
        for (int i = 0; i < calls; i++)
        {
            sum += Pipeline.RunOnce(i);
        }

        return sum;
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static long ThreadCpuNanoseconds()
    {
        if (ClockGetTime(ThreadCpuClock, out Timespec time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed: this measurement needs Linux");
        }

        return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
