using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace Vypr.EndToEnd.Tests.Consumer;

/// <summary>
/// The <c>vypr</c> tool as a user gets it: the Vypr.Tool package from the local feed, installed as a local tool of a
/// repository, running a campaign over that repository's tests.
/// </summary>
public sealed class ToolConsumerTests(ConsumerFixture consumer) : IClassFixture<ConsumerFixture>
{
    [Fact]
    public async Task Vypr_Tool_installs_as_a_local_tool_and_runs_the_campaign_of_the_repository()
    {
        string solution = consumer.Workspace.Create("tool", xunitV3: true, withVypr: true, integration: "Vypr.Xunit");
        Assert.Equal(0, (await DotNetAsync(solution, "new", "tool-manifest")).ExitCode);
        DotNetCommand install = await DotNetAsync(solution, "tool", "install", "Vypr.Tool", "--version", consumer.Workspace.Version);
        Assert.True(install.ExitCode == 0, install.Output);

        DotNetCommand list = await DotNetAsync(solution, "tool", "list");
        Assert.Contains(consumer.Workspace.Version, list.Output, System.StringComparison.Ordinal);
        DotNetCommand help = await DotNetAsync(solution, "vypr", "--help");
        Assert.True(help.ExitCode == 0, help.Output);
        Assert.Contains("vypr [command] [options]", help.Output, System.StringComparison.Ordinal);

        // One iteration of the consumer's tests; one of them breaks its bound on purpose, so the campaign exits 1.
        await File.WriteAllTextAsync(Path.Combine(solution, "vypr.yml"), "projects:\n  - path: Tests\nresults: campaign\n", TestContext.Current.CancellationToken);
        DotNetCommand run = await DotNetAsync(solution, "vypr", "run");
        Assert.True(run.ExitCode == 1, run.Output);
        Assert.Contains("VIOLATED", run.Output, System.StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(solution, "campaign", "summary.md")), run.Output);
        Assert.True(File.Exists(Path.Combine(solution, "campaign", "junit.xml")), run.Output);
    }

    private Task<DotNetCommand> DotNetAsync(string directory, params string[] arguments) =>
        consumer.Workspace.DotNetAsync(directory, new Dictionary<string, string>(), TestContext.Current.CancellationToken, arguments);
}
