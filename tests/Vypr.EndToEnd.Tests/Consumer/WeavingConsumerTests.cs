using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Runtime;
using Xunit;

namespace Vypr.EndToEnd.Tests.Consumer;

/// <summary>
/// The IL backend as a user gets it: the Vypr package alone, one property (VyprWeaving=IL) in a multi-targeting
/// library, and every call of its monitored methods timed once, whether the program calls them directly (where the
/// program's own interceptors would otherwise apply), through a generic interface or through a delegate.
/// </summary>
public sealed class WeavingConsumerTests
{
    private const string Library = """
        using System.Threading.Tasks;
        using Vypr;

        namespace Lib
        {
            public interface IStep<T>
            {
                T Run(T value);
            }

            public sealed class Step : IStep<int>
            {
                [MaxDuration("1s")]
                public int Run(int value) => value + 1;
            }

            public static class Work
            {
                [MaxDuration("1s")]
                public static async Task<int> LaterAsync(int x)
                {
                    await Task.Delay(30);
                    return x;
                }
            }
        }
        """;

    private const string Program = """
        using System;
        using Lib;

        IStep<int> step = new Step();
        Func<int, int> run = new Step().Run;
        int total = step.Run(1) + run(2) + new Step().Run(3);
        total += await Work.LaterAsync(4);
        Console.WriteLine($"total {total}");
        """;

    [Fact]
    public async Task The_package_alone_weaves_a_library_that_sets_VyprWeaving_IL()
    {
        await using ConsumerWorkspace workspace = await ConsumerWorkspace.PackAsync(TestContext.Current.CancellationToken);
        string solution = Path.Combine(workspace.Root, "weaving");
        Directory.CreateDirectory(Path.Combine(solution, "Lib"));
        Directory.CreateDirectory(Path.Combine(solution, "App"));
        File.WriteAllText(Path.Combine(solution, "nuget.config"), ConsumerSources.NuGetConfig(workspace.Feed));
        File.WriteAllText(Path.Combine(solution, "Lib", "Lib.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFrameworks>netstandard2.0;net10.0</TargetFrameworks>
                <LangVersion>latest</LangVersion>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <VyprWeaving>IL</VyprWeaving>
              </PropertyGroup>
              <ItemGroup><PackageReference Include="Vypr" Version="{workspace.Version}" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(solution, "Lib", "Work.cs"), Library);
        File.WriteAllText(Path.Combine(solution, "App", "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Vypr" Version="{workspace.Version}" />
                <ProjectReference Include="../Lib/Lib.csproj" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(solution, "App", "Program.cs"), Program);

        string app = Path.Combine(solution, "App");
        DotNetCommand build = await workspace.DotNetAsync(app, new Dictionary<string, string>(), TestContext.Current.CancellationToken, "build", "-c", "Release");
        Assert.True(build.ExitCode == 0, build.Output);
        // Fody was configured by Vypr's build files: nothing written into the user's project.
        Assert.False(File.Exists(Path.Combine(solution, "Lib", "FodyWeavers.xml")));

        string results = Path.Combine(solution, "results");
        DotNetCommand run = await workspace.DotNetAsync(app, new Dictionary<string, string> { ["VYPR_MONITORING"] = "1", [ResultsFile.DirectoryVariable] = results },
            TestContext.Current.CancellationToken, "exec", Path.Combine(app, "bin", "Release", "net10.0", "App.dll"));
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("total 13", run.Output);

        RunDocument document = ResultsFile.Read(Assert.Single(Directory.GetFiles(results, "*.json")));
        SpecificationInfo step = Assert.Single(document.Specifications, s => s.Method == "Lib.Step.Run(int)");
        SpecificationInfo later = Assert.Single(document.Specifications, s => s.Method == "Lib.Work.LaterAsync(int)");
        // Three calls of Run (interface, delegate, direct), each timed once, at the method's declaration in Lib.
        VerdictInfo[] runs = document.Verdicts.Where(v => v.SpecificationId == step.Id).ToArray();
        Assert.Equal(3, runs.Length);
        CallSiteInfo site = Assert.Single(document.CallSites, s => s.SpecificationId == step.Id);
        Assert.Equal(("Lib", 14), (site.Assembly, site.Line));
        VerdictInfo awaited = Assert.Single(document.Verdicts, v => v.SpecificationId == later.Id);
        Assert.True(awaited.DurationNanoseconds >= 25_000_000, $"{awaited.DurationNanoseconds}ns: timed until the task completed");
    }
}
