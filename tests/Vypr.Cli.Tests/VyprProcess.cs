using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Vypr.Cli.Tests;

/// <summary>The built <c>vypr</c> tool (copied beside the tests by the project reference), run as a real process with a bounded wait.</summary>
internal sealed class VyprProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();

    private VyprProcess(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vypr.dll"));
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        // The campaign must not append to this job's own step summary, nor ship anywhere.
        start.Environment.Remove("GITHUB_STEP_SUMMARY");
        start.Environment.Remove("VYPR_SERVER_URL");
        start.Environment.Remove("VYPR_SERVER_TOKEN");
        start.Environment.Remove("VYPR_SERVER_DB");
        start.Environment.Remove("VYPR_SERVER_POSTGRES");
        start.Environment.Remove("VYPR_SERVER_URLS");
        start.Environment.Remove("VYPR_SERVER_READS");
        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (error)
            {
                return error.ToString();
            }
        }
    }

    public static VyprProcess Start(string workingDirectory, params string[] args) => new(workingDirectory, null, args);

    /// <summary>Starts the tool with variables set (or, when null, removed) in its environment.</summary>
    public static VyprProcess StartWith(IReadOnlyDictionary<string, string?> environment, string workingDirectory, params string[] args) => new(workingDirectory, environment, args);

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, TimeSpan timeout, params string[] args) =>
        RunWithAsync(new Dictionary<string, string?>(), workingDirectory, timeout, args);

    public static async Task<(int ExitCode, string Output, string Error)> RunWithAsync(IReadOnlyDictionary<string, string?> environment, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        using VyprProcess vypr = StartWith(environment, workingDirectory, args);
        int exit = await vypr.WaitAsync(timeout);
        return (exit, vypr.Output, vypr.Error);
    }

    /// <summary>Waits for the exit; past <paramref name="timeout"/> the process and its children are killed and the test fails.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            KillTree();
            throw new TimeoutException($"vypr did not exit within {timeout}.\nstdout:\n{Output}\nstderr:\n{Error}");
        }

        // The asynchronous readers finish after the exit; this wait lets them deliver the last lines.
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>Kills the tool and the test processes it started, as a cancelled CI job does.</summary>
    public void KillTree()
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(30));
        }
        catch (InvalidOperationException)
        {
            // Exited already.
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            KillTree();
        }

        process.Dispose();
    }

    private static void Append(StringBuilder to, string? line)
    {
        if (line is not null)
        {
            lock (to)
            {
                to.AppendLine(line);
            }
        }
    }
}
