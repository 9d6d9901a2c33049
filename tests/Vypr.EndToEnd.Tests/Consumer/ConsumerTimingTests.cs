using System;
using System.Globalization;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace Vypr.EndToEnd.Tests.Consumer;

/// <summary>
/// The consumer's clean build and test times with and without Vypr, for docs/benchmarks.md. Explicit: it takes
/// minutes and measures rather than checks (run it with <c>-method "*ConsumerTimingTests*" -explicit only</c>).
/// </summary>
public sealed class ConsumerTimingTests(ConsumerFixture consumer) : IClassFixture<ConsumerFixture>
{
    [Fact(Explicit = true)]
    public async Task Measure_build_and_test_times_with_and_without_Vypr()
    {
        var table = new StringBuilder("| xunit | Vypr | library build (2 targets): elapsed / CPU | test project build: elapsed / CPU | test run: elapsed / CPU |\n|---|---|---|---|---|\n");
        for (int round = 0; round < 2; round++)
        {
            foreach (bool v3 in new[] { false, true })
            {
                foreach (bool withVypr in new[] { false, true })
                {
                    string name = $"timing-{round}-{(v3 ? "v3" : "v2")}-{(withVypr ? "with" : "without")}";
                    ConsumerRun run = await consumer.Workspace.BuildAndTestAsync(
                        consumer.Workspace.Create(name, v3, withVypr), TestContext.Current.CancellationToken);
                    table.Append(CultureInfo.InvariantCulture,
                        $"| {(v3 ? "v3" : "v2")} | {(withVypr ? "with" : "without")} | {Times(run.LibraryBuild)} | {Times(run.Build)} | {Times(run.Test)} |\n");
                }
            }
        }

        TestContext.Current.SendDiagnosticMessage(table.ToString());
        Console.WriteLine(table.ToString());
    }

    private static string Times(DotNetCommand command) => $"{Seconds(command.Elapsed)} / {(command.ProcessorTime is { } cpu ? Seconds(cpu) : "-")}";

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0 s", CultureInfo.InvariantCulture);
}
