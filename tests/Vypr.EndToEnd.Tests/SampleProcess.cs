using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Runtime;
using Xunit;

namespace Vypr.EndToEnd.Tests;

/// <summary>Runs the uploader sample's test assembly as its own process, the way a developer or CI runs it.</summary>
public sealed record SampleProcess(int ExitCode, string Output, RunDocument? Results)
{
    private static readonly TimeSpan s_timeLimit = TimeSpan.FromMinutes(3);

    public static string AssemblyPath => typeof(SampleProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SampleTestsAssembly").Value!;

    public static async Task<SampleProcess> RunAsync(IReadOnlyDictionary<string, string> environment)
    {
        Assert.True(File.Exists(AssemblyPath), $"the sample is not built at {AssemblyPath}");
        string resultsDirectory = Path.Combine(Path.GetTempPath(), "vypr-e2e-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "exec", AssemblyPath, "-noColor" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(AssemblyPath)!,
        };
        start.Environment[ResultsFile.DirectoryVariable] = resultsDirectory;
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(s_timeLimit, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string output = await stdout + await stderr;
        RunDocument? results = null;
        if (Directory.Exists(resultsDirectory))
        {
            string[] files = Directory.GetFiles(resultsDirectory, "*.json");
            Assert.Single(files);
            results = ResultsFile.Read(files[0]);
            Assert.True(File.Exists(Path.ChangeExtension(files[0], ".txt")), "the verdict table is written beside the results");
            Directory.Delete(resultsDirectory, recursive: true);
        }

        return new SampleProcess(process.ExitCode, output, results);
    }
}
