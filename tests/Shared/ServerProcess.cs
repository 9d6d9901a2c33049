using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace Vypr.Tests.Shared;

/// <summary>
/// The real <c>vypr-server</c> executable (built beside the tests) in a child process: started with <c>serve</c>,
/// killed without warning, started again. Only the process started here is ever killed, by its handle. Shared by
/// the server's tests and the end-to-end tests as a linked source file.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly string _arguments;
    private readonly string _executable;
    private readonly StringBuilder _output = new();
    private Process? _process;

    /// <summary>A server on <paramref name="port"/> of 127.0.0.1, not started yet.</summary>
    /// <param name="storeArguments">The <c>--db</c> or <c>--postgres</c> option that names its store.</param>
    /// <param name="port">A free loopback port (<see cref="Ports.Free"/>).</param>
    /// <param name="executable">
    /// The assembly beside the tests that serves: <c>vypr-server.dll</c>, or <c>vypr.dll</c> (the tool's <c>vypr serve</c>
    /// takes the same arguments).
    /// </param>
    public ServerProcess(string storeArguments, int port, string executable = "vypr-server.dll")
    {
        _executable = executable;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _arguments = $"serve {storeArguments} --urls http://127.0.0.1:{port}";
    }

    public Uri BaseAddress { get; }

    /// <summary>Everything the server wrote to its standard output and error so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Runs <c>vypr-server</c> with <paramref name="arguments"/> to completion.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string arguments)
    {
        using Process process = Process.Start(StartInfo(arguments, "vypr-server.dll"))!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Task<string> error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts the server and waits until it answers its health check.</summary>
    public async Task StartAsync()
    {
        Assert.Null(_process);
        _process = Process.Start(StartInfo(_arguments, _executable))!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        Process process = _process;
        await WaitForHealthAsync(client, () => process.HasExited, () => "vypr-server: " + Output);
    }

    /// <summary>
    /// Waits until the server behind <paramref name="client"/> answers its health check, for up to 600 checks; fails
    /// the test at once when the process serving it exits.
    /// </summary>
    /// <param name="client">A client with the server's base address (its timeout bounds each check).</param>
    /// <param name="exited">Whether the serving process has exited.</param>
    /// <param name="describe">The process and what it wrote, for the failure message.</param>
    public static async Task WaitForHealthAsync(HttpClient client, Func<bool> exited, Func<string> describe)
    {
        for (int attempt = 0; attempt < 600; attempt++)
        {
            Assert.False(exited(), "exited at start: " + describe());
            try
            {
                using HttpResponseMessage health = await client.GetAsync("api/v1/health", TestContext.Current.CancellationToken);
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                // Listening but not answering within the client's timeout: a loaded machine starting the store.
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Fail("no answer within 600 health checks: " + describe());
    }

    /// <summary>Kills the server at once (SIGKILL): no graceful shutdown, in-flight requests die with it.</summary>
    public void Kill()
    {
        if (_process is { } process)
        {
            _process = null;
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
        }
    }

    public void Dispose() => Kill();

    private static ProcessStartInfo StartInfo(string arguments, string executable)
    {
        string server = Path.Combine(AppContext.BaseDirectory, executable);
        var info = new ProcessStartInfo("dotnet", $"\"{server}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The child must not inherit a store from the developer's shell.
        info.Environment.Remove("VYPR_SERVER_DB");
        info.Environment.Remove("VYPR_SERVER_POSTGRES");
        info.Environment.Remove("VYPR_SERVER_URLS");
        info.Environment.Remove("VYPR_SERVER_READS");
        info.Environment.Remove("GITHUB_STEP_SUMMARY");
        return info;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
