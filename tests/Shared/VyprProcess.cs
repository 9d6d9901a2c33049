using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Vypr.Tests.Shared;

/// <summary>
/// The built <c>vypr</c> tool run as a real process: its output collected, a bounded wait, signalled (Ctrl+C) or
/// killed by its own PID only. Shared by the suites that run the tool, as a linked source file (the project needs
/// <c>AllowUnsafeBlocks</c> for the signal's P/Invoke).
/// </summary>
public sealed partial class VyprProcess : IDisposable
{
    // Variables of the job running the tests that would make the tool ship verdicts or write to the job's summary.
    private static readonly string[] s_ambient =
        ["GITHUB_STEP_SUMMARY", "VYPR_SERVER_URL", "VYPR_SERVER_TOKEN", "VYPR_SERVER_DB", "VYPR_SERVER_POSTGRES", "VYPR_SERVER_URLS", "VYPR_SERVER_READS"];

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private VyprProcess(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Tool);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string name in s_ambient)
        {
            start.Environment.Remove(name);
        }

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

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>
    /// The built tool: beside the tests when the suite references the tool's project, otherwise the tool project's own
    /// output of the same configuration.
    /// </summary>
    public static string Tool
    {
        get
        {
            string beside = Path.Combine(AppContext.BaseDirectory, "vypr.dll");
            if (File.Exists(beside))
            {
                return beside;
            }

            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            string framework = directory.Name;
            string configuration = directory.Parent!.Name;
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Vypr.sln")))
            {
                directory = directory.Parent;
            }

            if (directory is null)
            {
                throw new InvalidOperationException($"No vypr.dll beside the tests and no Vypr.sln above {AppContext.BaseDirectory}.");
            }

            string tool = Path.Combine(directory.FullName, "src", "Vypr.Cli", "bin", configuration, framework, "vypr.dll");
            return File.Exists(tool) ? tool : throw new InvalidOperationException($"The vypr tool is not built at {tool}.");
        }
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output => Read(_output);

    public string Error => Read(_error);

    public static VyprProcess Start(string workingDirectory, params string[] arguments) => new(workingDirectory, null, arguments);

    /// <summary>Starts the tool with variables set (or, for a null value, removed) in its environment.</summary>
    public static VyprProcess StartWith(IReadOnlyDictionary<string, string?> environment, string workingDirectory, params string[] arguments) =>
        new(workingDirectory, environment, arguments);

    /// <summary>Runs the tool to its end; past <paramref name="timeout"/> it is killed and the test fails.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        RunWithAsync(new Dictionary<string, string?>(), workingDirectory, timeout, arguments);

    /// <summary>Runs the tool to its end with variables set (or, for a null value, removed) in its environment.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunWithAsync(
        IReadOnlyDictionary<string, string?> environment, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        using VyprProcess vypr = StartWith(environment, workingDirectory, arguments);
        int exit = await vypr.WaitForExitAsync(timeout);
        return (exit, vypr.Output, vypr.Error);
    }

    /// <summary>Waits for the exit; past <paramref name="timeout"/> the process and its children are killed and the test fails.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            KillTree();
            throw new TimeoutException($"vypr did not exit within {timeout}.\nstdout:\n{Output}\nstderr:\n{Error}");
        }

        // The asynchronous readers finish after the exit; this wait lets them deliver the last lines.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public Task WaitForOutputAsync(string text, TimeSpan timeout) => WaitForAsync(() => Output, text, timeout);

    /// <summary>Waits until standard error holds <paramref name="text"/>: a loaded machine may take seconds to get there.</summary>
    public Task WaitForErrorAsync(string text, TimeSpan timeout) => WaitForAsync(() => Error, text, timeout);

    /// <summary>Sends SIGINT (what Ctrl+C sends) to the tool's process.</summary>
    public void Interrupt()
    {
        if (Kill(_process.Id, 2) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGINT) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Kills the tool and the processes it started, as a cancelled CI job does.</summary>
    public void KillTree()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(30));
        }
        catch (InvalidOperationException)
        {
            // Exited already.
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillTree();
        }

        _process.Dispose();
    }

    private async Task WaitForAsync(Func<string> stream, string text, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!stream().Contains(text, StringComparison.Ordinal))
        {
            if (watch.Elapsed > timeout || _process.HasExited)
            {
                throw new TimeoutException($"vypr did not write '{text}' within {timeout}.\nstdout:\n{Output}\nstderr:\n{Error}");
            }

            await Task.Delay(50);
        }
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

    private static string Read(StringBuilder from)
    {
        lock (from)
        {
            return from.ToString();
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
