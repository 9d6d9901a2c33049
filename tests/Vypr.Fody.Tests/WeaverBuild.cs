using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace Vypr.Fody.Tests;

/// <summary>Builds a small project of a test with the IL backend, against the already-built Vypr projects.</summary>
internal static class WeaverBuild
{
    /// <summary>
    /// The text of a project woven in IL that imports the repository's Vypr.props (<c>{0}</c> is the repository root),
    /// with <paramref name="properties"/> (MSBuild property elements) added to its property group.
    /// </summary>
    public static string IlProject(string properties = "") => $$"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <VyprWeaving>IL</VyprWeaving>
            <NoWarn>$(NoWarn);CS1591</NoWarn>{{properties}}
          </PropertyGroup>
          <Import Project="{0}src/Vypr.props" />
        </Project>
        """;

    /// <summary>
    /// Writes a project (its text's <c>{0}</c> is the repository root) and one source file into a new folder under
    /// artifacts/weaver-tests, inside the repository so it gets the repository's build settings; the caller deletes it.
    /// </summary>
    public static async Task<string> CreateAsync(string projectFile, string projectText, string sourceFile, string source)
    {
        string root = CallerRun.RepositoryRoot;
        string folder = Path.Combine(root, "artifacts", "weaver-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, projectFile), projectText.Replace("{0}", root.Replace("\\", "/").TrimEnd('/') + "/"), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, sourceFile), source, TestContext.Current.CancellationToken);
        return folder;
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string folder, params string[] properties)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The Vypr projects are built already (this test project depends on them); building them again here
            // could collide with a build of the solution.
            ArgumentList = { "build", "-c", "Release", "-p:BuildProjectReferences=false", "-nodeReuse:false", "-p:UseSharedCompilation=false" },
        };
        foreach (string property in properties)
        {
            start.ArgumentList.Add("-p:" + property);
        }

        foreach (string name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "DOTNET_HOST_PATH" })
        {
            start.Environment.Remove(name);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
