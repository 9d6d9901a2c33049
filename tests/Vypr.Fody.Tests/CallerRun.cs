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

namespace Vypr.Fody.Tests;

/// <summary>One run of a program (the caller, tests/Vypr.Fody.Caller, by default) as its own process, with its results file read back.</summary>
public sealed record CallerRun(int ExitCode, string Output, RunDocument? Results)
{
    private static readonly TimeSpan s_timeLimit = TimeSpan.FromMinutes(3);

    public static string AssemblyPath => Metadata("CallerAssembly");

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string SampleTestsPath => Metadata("SampleTestsAssembly");

    public static string WovenSampleTestsPath => Metadata("WovenSampleTestsAssembly");

    public static Task<CallerRun> RunAsync(IReadOnlyDictionary<string, string> environment) => RunAsync(AssemblyPath, environment);

    public static async Task<CallerRun> RunAsync(string assemblyPath, IReadOnlyDictionary<string, string> environment)
    {
        Assert.True(File.Exists(assemblyPath), $"the program is not built at {assemblyPath}");
        string resultsDirectory = Path.Combine(Path.GetTempPath(), "vypr-fody-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "exec", assemblyPath },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
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
            await process.WaitForExitAsync().WaitAsync(s_timeLimit);
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
            Directory.Delete(resultsDirectory, recursive: true);
        }

        return new CallerRun(process.ExitCode, output, results);
    }

    private static string Metadata(string key) => typeof(CallerRun).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == key).Value!;
}
