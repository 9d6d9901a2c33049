using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Runtime;
using Xunit;

namespace Vypr.EndToEnd.Tests.Consumer;

/// <summary>
/// A process that no test framework runs (a console, a service under a load test) gets its verdict table and
/// results file when it exits, and keeps only the last <c>VYPR_KEEP_RESULTS</c> results files.
/// </summary>
public sealed class ProcessExitTests(ConsumerFixture consumer) : IClassFixture<ConsumerFixture>
{
    private const string Program = """
        using System;
        using Consumer.Lib;

        int sum = 0;
        for (int i = 0; i < 5; i++)
        {
            sum += Work.Fast(i);
        }

        Work.Slow(30);
        Console.WriteLine($"sum {sum}");
        """;

    [Fact]
    public async Task Monitoring_on_in_a_console_writes_the_results_at_exit_and_prunes_older_ones()
    {
        string solution = consumer.Workspace.Create("console", xunitV3: true, withVypr: true);
        string app = Path.Combine(solution, "App");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Vypr" Version="{consumer.Workspace.Version}" />
                <ProjectReference Include="../Lib/Lib.csproj" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), Program);
        var none = new Dictionary<string, string>();
        DotNetCommand build = await consumer.Workspace.DotNetAsync(app, none, TestContext.Current.CancellationToken, "build", "-c", "Release");
        Assert.True(build.ExitCode == 0, build.Output);

        string results = Path.Combine(solution, "results");
        var monitored = new Dictionary<string, string>
        {
            ["VYPR_MONITORING"] = "1",
            [ResultsFile.DirectoryVariable] = results,
            ["VYPR_KEEP_RESULTS"] = "2",
        };
        string dll = Path.Combine(app, "bin", "Release", "net10.0", "App.dll");
        var outputs = new List<string>();
        for (int run = 0; run < 3; run++)
        {
            DotNetCommand exec = await consumer.Workspace.DotNetAsync(app, monitored, TestContext.Current.CancellationToken, "exec", dll);
            Assert.True(exec.ExitCode == 0, exec.Output);
            outputs.Add(exec.Output);
            // Results files are named to the second: runs a second apart keep their order by name as well as by time.
            await Task.Delay(1100, TestContext.Current.CancellationToken);
        }

        Assert.All(outputs, o => Assert.Contains("sum 15", o));
        Assert.All(outputs, o => Assert.Matches(@"VIOLATED\s+MaxDuration\(""5ms""\)\s+Consumer\.Lib\.Work\.Slow\(int\)", o));
        Assert.Contains("deleted 1 older results file of App", outputs[2]);

        string[] kept = Directory.GetFiles(results, "*.json").Order().ToArray();
        Assert.Equal(2, kept.Length);
        Assert.Equal(2, Directory.GetFiles(results, "*.txt").Length);
        RunDocument last = ResultsFile.Read(kept[^1]);
        Assert.Equal("App", last.Run.Assembly);
        Assert.Equal(5, last.Verdicts.Count(v => v.Value));
        VerdictInfo violation = Assert.Single(last.Verdicts, v => !v.Value);
        Assert.Equal(0, violation.TestId);

        // Without monitoring the same program writes nothing.
        DotNetCommand off = await consumer.Workspace.DotNetAsync(app, new Dictionary<string, string> { [ResultsFile.DirectoryVariable] = results + "-off" }, TestContext.Current.CancellationToken, "exec", dll);
        Assert.Equal(0, off.ExitCode);
        Assert.DoesNotContain("Vypr verdicts", off.Output);
        Assert.False(Directory.Exists(results + "-off"));
    }
}
