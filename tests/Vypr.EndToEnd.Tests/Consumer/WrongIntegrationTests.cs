using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit;

namespace Vypr.EndToEnd.Tests.Consumer;

/// <summary>Installing the integration for the other xunit version stops the build with one error that names the right package.</summary>
public sealed class WrongIntegrationTests(ConsumerFixture consumer) : IClassFixture<ConsumerFixture>
{
    [Theory]
    [InlineData(false, "Vypr.Xunit", "VYPR1001", "Reference the package Vypr.Xunit.V2 instead of Vypr.Xunit")]
    [InlineData(true, "Vypr.Xunit.V2", "VYPR1002", "Reference the package Vypr.Xunit instead of Vypr.Xunit.V2")]
    public async Task The_build_fails_once_naming_the_integration_to_use(bool xunitV3, string integration, string code, string advice)
    {
        string solution = consumer.Workspace.Create($"wrong-{integration}", xunitV3, withVypr: true, integration);
        DotNetCommand build = await consumer.Workspace.DotNetAsync(System.IO.Path.Combine(solution, "Tests"), new Dictionary<string, string>(), TestContext.Current.CancellationToken, "build", "-c", "Release");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains($"error {code}: ", build.Output);
        Assert.Contains(advice, build.Output);
        Assert.DoesNotContain("CS0433", build.Output);
    }

    [Fact]
    public async Task A_test_project_below_net10_fails_once_instead_of_running_its_tests_unmonitored()
    {
        string solution = consumer.Workspace.Create("net8-tests", xunitV3: false, withVypr: true);
        string project = System.IO.Path.Combine(solution, "Tests", "Tests.csproj");
        await System.IO.File.WriteAllTextAsync(project, (await System.IO.File.ReadAllTextAsync(project, TestContext.Current.CancellationToken))
            .Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFramework>net8.0</TargetFramework>", System.StringComparison.Ordinal), TestContext.Current.CancellationToken);
        DotNetCommand build = await consumer.Workspace.DotNetAsync(System.IO.Path.Combine(solution, "Tests"), new Dictionary<string, string>(), TestContext.Current.CancellationToken, "build", "-c", "Release");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error VYPR1003: Vypr.Xunit.V2 runs tests on net10.0, but Tests targets net8.0", build.Output);
        Assert.Contains("Condition=\"'$(TargetFramework)' == 'net10.0'\"", build.Output);
    }
}
