using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Vypr.Load.Tests.Support;

/// <summary>The real <c>vypr</c> tool run as a process, its output collected, signalled by its PID.</summary>
public sealed partial class VyprProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private VyprProcess(Process process) => _process = process;

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public string Error { get { lock (_error) { return _error.ToString(); } } }

    public int Id => _process.Id;

    public static VyprProcess Start(string workingDirectory, params string[] arguments) => Start(workingDirectory, null, arguments);

    /// <summary>Starts the tool with <paramref name="environment"/> added to (or, for a null value, removed from) its environment.</summary>
    public static VyprProcess Start(string workingDirectory, System.Collections.Generic.IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Paths.VyprTool);
        foreach ((string name, string? value) in environment ?? new System.Collections.Generic.Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var result = new VyprProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (result._output) { result._output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (result._error) { result._error.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>Runs the tool to its end (killed after <paramref name="timeout"/>) and returns its exit code.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        using VyprProcess process = Start(workingDirectory, arguments);
        int code = await process.WaitForExitAsync(timeout);
        return (code, process.Output, process.Error);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"vypr did not exit within {timeout}. Output:\n{Output}\nError:\n{Error}");
        }

        // WaitForExitAsync returns after the output streams reached their end, so the collected output is complete.
        return _process.ExitCode;
    }

    public Task WaitForOutputAsync(string text, TimeSpan timeout) => WaitForAsync(() => Output, text, timeout);

    /// <summary>Waits until standard error holds <paramref name="text"/>: a loaded machine may take seconds to get there.</summary>
    public Task WaitForErrorAsync(string text, TimeSpan timeout) => WaitForAsync(() => Error, text, timeout);

    private async Task WaitForAsync(Func<string> stream, string text, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!stream().Contains(text, StringComparison.Ordinal))
        {
            if (watch.Elapsed > timeout || _process.HasExited)
            {
                throw new TimeoutException($"vypr did not write '{text}' within {timeout}. Output:\n{Output}\nError:\n{Error}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Sends SIGINT (what Ctrl+C sends) to the process.</summary>
    public void Interrupt()
    {
        if (Kill(_process.Id, 2) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGINT) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
