using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Runtime;
using Xunit;

namespace Vypr.Tests.Shared;

/// <summary>
/// One run of a monitored program (a test assembly, or a program calling monitored code) as its own process, the way
/// a developer or CI runs it, with the results file it wrote read back. Shared by the end-to-end and the IL weaving
/// suites, as a linked source file.
/// </summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="Output">Its standard output, then its standard error.</param>
/// <param name="Results">The results file it wrote, or null when it wrote none.</param>
/// <param name="WroteVerdictTable">Whether the verdict table was written beside the results file.</param>
public sealed record MonitoredProcess(int ExitCode, string Output, RunDocument? Results, bool WroteVerdictTable)
{
    private static readonly TimeSpan s_timeLimit = TimeSpan.FromMinutes(3);

    /// <summary>Runs <paramref name="assemblyPath"/> with <c>dotnet exec</c>, its results directed to a directory of its own.</summary>
    /// <param name="assemblyPath">The built program.</param>
    /// <param name="environment">Variables to set for it.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <returns>What it did.</returns>
    public static async Task<MonitoredProcess> RunAsync(string assemblyPath, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        Assert.True(File.Exists(assemblyPath), $"the program is not built at {assemblyPath}");
        string resultsDirectory = Path.Combine(Path.GetTempPath(), "vypr-run-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "exec", assemblyPath },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

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
        bool verdictTable = false;
        if (Directory.Exists(resultsDirectory))
        {
            string[] files = Directory.GetFiles(resultsDirectory, "*.json");
            Assert.Single(files);
            results = ResultsFile.Read(files[0]);
            verdictTable = File.Exists(Path.ChangeExtension(files[0], ".txt"));
            Directory.Delete(resultsDirectory, recursive: true);
        }

        return new MonitoredProcess(process.ExitCode, output, results, verdictTable);
    }
}
