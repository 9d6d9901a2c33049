using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Vypr.Cli.Tests;

/// <summary>
/// A small real xunit v3 test project in a temporary directory, monitored through the repository's
/// src/Vypr.Xunit.props as samples/Uploader.Tests is. Its one test calls a method bounded at 200ms that sleeps 600ms
/// for input 2 only, and checks that it sees the campaign's input and stress multiplier.
/// </summary>
public sealed class ProbeProject : IDisposable
{
    public ProbeProject()
    {
        string repository = typeof(ProbeProject).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;
        Directory = System.IO.Directory.CreateTempSubdirectory("vypr-cli-campaign-").FullName;
        string project = Path.Combine(Directory, "Probe.Tests");
        System.IO.Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "Probe.Tests.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
                <Nullable>enable</Nullable>
                <IsPackable>false</IsPackable>
              </PropertyGroup>
              <Import Project="{Path.Combine(repository, "src", "Vypr.Xunit.props")}" />
              <ItemGroup>
                <PackageReference Include="xunit.v3" Version="3.2.2" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "InputTests.cs"), """
            using System;
            using System.Globalization;
            using System.Threading;
            using Vypr;
            using Xunit;

            namespace Probe.Tests;

            public static class Work
            {
                [MaxDuration("200ms")]
                public static int Step(int input)
                {
                    if (input == 2)
                    {
                        Thread.Sleep(600);
                    }

                    return input;
                }
            }

            public class InputTests
            {
                [Fact]
                public void Steps_through_the_input()
                {
                    int input = int.Parse(Environment.GetEnvironmentVariable("VYPR_INPUT")!, CultureInfo.InvariantCulture);
                    double stress = double.Parse(Environment.GetEnvironmentVariable("VYPR_STRESS")!, CultureInfo.InvariantCulture);
                    Assert.Equal(2.5, stress);
                    Assert.Equal(input, Work.Step(input));
                }
            }
            """);
    }

    /// <summary>The temporary directory: the project is Probe.Tests in it, and campaign files go beside.</summary>
    public string Directory { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A test process killed on a timeout may still hold a file; the temporary directory is left to the OS.
        }
    }
}
