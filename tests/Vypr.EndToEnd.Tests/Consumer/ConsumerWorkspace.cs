using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Runtime;
using Xunit;

namespace Vypr.EndToEnd.Tests.Consumer;

/// <summary>
/// A user's solution in a fresh temporary directory, outside the repository, that gets Vypr only from packages packed
/// from this repository into a local feed (third-party packages come from the machine's configured NuGet source).
/// </summary>
public sealed class ConsumerWorkspace : IAsyncDisposable
{
    private static readonly TimeSpan s_commandLimit = TimeSpan.FromMinutes(8);
    private static readonly string[] s_packages = ["Vypr", "Vypr.Xunit", "Vypr.Xunit.V2"];

    private ConsumerWorkspace(string root, string version)
    {
        Root = root;
        Version = version;
    }

    public string Root { get; }

    /// <summary>The version the packages were packed with: unique per run, so no earlier run's package is restored from the cache.</summary>
    public string Version { get; }

    public string Feed => Path.Combine(Root, "feed");

    public static string RepositoryRoot => typeof(ConsumerWorkspace).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>Packs Vypr's packages into a local feed in a new temporary directory.</summary>
    public static async Task<ConsumerWorkspace> PackAsync(CancellationToken cancellation)
    {
        string id = Guid.NewGuid().ToString("N")[..12];
        var workspace = new ConsumerWorkspace(Path.Combine(Path.GetTempPath(), "vypr-consumer-" + id), "0.1.0-e2e." + id);
        Directory.CreateDirectory(workspace.Feed);
        try
        {
            await workspace.PackIntoFeedAsync(cancellation);
        }
        catch
        {
            await workspace.DisposeAsync();
            throw;
        }

        return workspace;
    }

    private async Task PackIntoFeedAsync(CancellationToken cancellation)
    {
        foreach (string project in new[] { "src/Vypr.Runtime/Vypr.Runtime.csproj", "src/Vypr.Xunit/Vypr.Xunit.csproj", "src/Vypr.Xunit.V2/Vypr.Xunit.V2.csproj", "src/Vypr.Cli/Vypr.Cli.csproj" })
        {
            // The projects are built by this test project's references (Release, like the test run); packing does not
            // rebuild them, it stamps the packages with this run's version.
            DotNetCommand pack = await DotNetAsync(RepositoryRoot, new Dictionary<string, string>(), cancellation,
                "pack", Path.Combine(RepositoryRoot, project), "-c", "Release", "--no-build", "-o", Feed, $"-p:Version={Version}");
            Assert.True(pack.ExitCode == 0, pack.Output);
        }
    }

    /// <summary>Writes the library and a test project in <paramref name="folder"/>; without a Vypr version, a solution without Vypr.</summary>
    public string Create(string folder, bool xunitV3, bool withVypr, string? integration = null, string libraryTargets = ConsumerSources.MultiTargets, string? testedLibraryTarget = null)
    {
        string solution = Path.Combine(Root, folder);
        Directory.CreateDirectory(Path.Combine(solution, "Lib"));
        Directory.CreateDirectory(Path.Combine(solution, "Tests"));
        File.WriteAllText(Path.Combine(solution, "nuget.config"), ConsumerSources.NuGetConfig(Feed));
        string? version = withVypr ? Version : null;
        File.WriteAllText(Path.Combine(solution, "Lib", "Lib.csproj"), ConsumerSources.LibraryProject(version, libraryTargets));
        File.WriteAllText(Path.Combine(solution, "Lib", "Work.cs"), ConsumerSources.Library);
        File.WriteAllText(Path.Combine(solution, "Tests", "Tests.csproj"), ConsumerSources.TestProject(xunitV3, version, integration, testedLibraryTarget));
        File.WriteAllText(Path.Combine(solution, "Tests", "Tests.cs"), ConsumerSources.Tests);
        return solution;
    }

    /// <summary>
    /// Writes a library that references Vypr and, with a <paramref name="program"/>, a net10.0 console app that references
    /// Vypr and the library, both with <c>TreatWarningsAsErrors</c>, in <paramref name="folder"/>; returns the solution's folder.
    /// </summary>
    /// <param name="folder">The solution's folder under <see cref="Root"/>.</param>
    /// <param name="libraryTargets">The library's target frameworks (one is written as <c>TargetFramework</c>, as a user writes it).</param>
    /// <param name="librarySource">The library's one source file, Lib/Work.cs.</param>
    /// <param name="program">The app's Program.cs, or null for the library alone.</param>
    /// <param name="libraryProperties">More properties of the library (<c>&lt;VyprWeaving&gt;IL&lt;/VyprWeaving&gt;</c>).</param>
    public string CreateLibraryAndApp(string folder, string libraryTargets, string librarySource, string? program, string libraryProperties = "")
    {
        string solution = Path.Combine(Root, folder);
        Directory.CreateDirectory(Path.Combine(solution, "Lib"));
        File.WriteAllText(Path.Combine(solution, "nuget.config"), ConsumerSources.NuGetConfig(Feed));
        string frameworks = libraryTargets.Contains(';', StringComparison.Ordinal)
            ? $"<TargetFrameworks>{libraryTargets}</TargetFrameworks>"
            : $"<TargetFramework>{libraryTargets}</TargetFramework>";
        File.WriteAllText(Path.Combine(solution, "Lib", "Lib.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                {frameworks}
                <LangVersion>latest</LangVersion>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                {libraryProperties}
              </PropertyGroup>
              <ItemGroup><PackageReference Include="Vypr" Version="{Version}" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(solution, "Lib", "Work.cs"), librarySource);
        if (program is not null)
        {
            Directory.CreateDirectory(Path.Combine(solution, "App"));
            File.WriteAllText(Path.Combine(solution, "App", "App.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <OutputType>Exe</OutputType>
                    <Nullable>enable</Nullable>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Vypr" Version="{Version}" />
                    <ProjectReference Include="../Lib/Lib.csproj" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(solution, "App", "Program.cs"), program);
        }

        return solution;
    }

    public Task<DotNetCommand> DotNetAsync(string directory, IReadOnlyDictionary<string, string> environment, CancellationToken cancellation, params string[] arguments) =>
        DotNetCommand.RunAsync(directory, environment, s_commandLimit, cancellation, arguments);

    /// <summary>Builds the consumer's tests, then runs them with monitoring on and its results in <c>results/</c>.</summary>
    public async Task<ConsumerRun> BuildAndTestAsync(string solution, CancellationToken cancellation)
    {
        string tests = Path.Combine(solution, "Tests");
        DotNetCommand restore = await DotNetAsync(tests, new Dictionary<string, string>(), cancellation, "restore");
        Assert.True(restore.ExitCode == 0, restore.Output);
        // The library first, for every target it has (a test project builds only the target it references).
        DotNetCommand library = await DotNetAsync(Path.Combine(solution, "Lib"), new Dictionary<string, string>(), cancellation, "build", "--no-restore", "-c", "Release");
        Assert.True(library.ExitCode == 0, library.Output);
        DotNetCommand build = await DotNetAsync(tests, new Dictionary<string, string>(), cancellation, "build", "--no-restore", "-c", "Release");
        Assert.True(build.ExitCode == 0, build.Output);
        string results = Path.Combine(solution, "results");
        DotNetCommand test = await DotNetAsync(tests, new Dictionary<string, string> { [ResultsFile.DirectoryVariable] = results }, cancellation,
            "test", "--no-build", "-c", "Release", "--logger", "console;verbosity=normal");
        RunDocument? document = Directory.Exists(results) && Directory.GetFiles(results, "*.json") is [string file]
            ? ResultsFile.Read(file)
            : null;
        return new ConsumerRun(restore, library, build, test, document);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.Yield();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        // This run's packages in the global cache are never used again: leave the cache as it was.
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (string package in s_packages)
        {
            string cached = Path.Combine(cache, package.ToLowerInvariant(), Version);
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }
        }
    }
}
