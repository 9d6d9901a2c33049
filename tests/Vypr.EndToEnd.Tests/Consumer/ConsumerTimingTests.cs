using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace Vypr.EndToEnd.Tests.Consumer;

/// <summary>
/// The consumer's clean build and test times with and without Vypr, for docs/benchmarks.md: rounds interleave the
/// four solutions (xunit v2 and v3, each with and without Vypr), and the table gives each stage's median and the
/// ratio of the medians with and without. Explicit: it takes minutes and measures rather than checks (run it with
/// <c>-method "*Measure_build*" -explicit only</c>; <c>VYPR_CONSUMER_ROUNDS</c> sets the rounds, 3 by default).
/// </summary>
public sealed class ConsumerTimingTests(ConsumerFixture consumer) : IClassFixture<ConsumerFixture>
{
    private static readonly string[] s_stages = ["library build (2 targets)", "test project build", "test run"];

    [Fact(Explicit = true)]
    public async Task Measure_build_and_test_times_with_and_without_Vypr()
    {
        int rounds = int.TryParse(Environment.GetEnvironmentVariable("VYPR_CONSUMER_ROUNDS"), out int configured) && configured > 0 ? configured : 3;
        var elapsed = new Dictionary<(string Framework, bool WithVypr, int Stage), List<double>>();
        var log = new StringBuilder($"load average at start: {LoadAverage()}\n");
        for (int round = 0; round < rounds; round++)
        {
            // Alternate which configuration goes first, so a drift in the machine's load does not favour one side.
            bool[] order = round % 2 == 0 ? [false, true] : [true, false];
            foreach (bool v3 in new[] { false, true })
            {
                foreach (bool withVypr in order)
                {
                    string framework = v3 ? "v3" : "v2";
                    ConsumerRun run = await consumer.Workspace.BuildAndTestAsync(
                        consumer.Workspace.Create($"timing-{round}-{framework}-{(withVypr ? "with" : "without")}", v3, withVypr), TestContext.Current.CancellationToken);
                    DotNetCommand[] stages = [run.LibraryBuild, run.Build, run.Test];
                    for (int stage = 0; stage < stages.Length; stage++)
                    {
                        if (!elapsed.TryGetValue((framework, withVypr, stage), out List<double>? times))
                        {
                            elapsed.Add((framework, withVypr, stage), times = []);
                        }

                        times.Add(stages[stage].Elapsed.TotalSeconds);
                    }

                    log.Append(CultureInfo.InvariantCulture, $"round {round + 1} {framework} {(withVypr ? "with" : "without")}: {string.Join(" / ", stages.Select(s => s.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)))} s, load {LoadAverage()}\n");
                }
            }
        }

        var table = new StringBuilder($"| xunit | stage | median without | median with | with / without |\n|---|---|---:|---:|---:|\n");
        foreach (string framework in new[] { "v2", "v3" })
        {
            for (int stage = 0; stage < s_stages.Length; stage++)
            {
                double without = Median(elapsed[(framework, false, stage)]);
                double with = Median(elapsed[(framework, true, stage)]);
                table.Append(CultureInfo.InvariantCulture, $"| {framework} | {s_stages[stage]} | {without:0.0} s | {with:0.0} s | {with / without:0.00}x |\n");
            }
        }

        string report = log + "\n" + table;
        TestContext.Current.SendDiagnosticMessage(report);
        Console.WriteLine(report);
    }

    private static double Median(List<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
