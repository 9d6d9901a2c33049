using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace Vypr.EndToEnd.Tests;

/// <summary>
/// A real <c>vypr-server</c> on a fresh SQLite file, listening on a free loopback port, with a write token made
/// through its command line. Only the process started here is stopped, by its handle.
/// </summary>
public sealed class VerdictServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private VerdictServerProcess(Process process, Uri address, string token, string directory)
    {
        _process = process;
        Address = address;
        Token = token;
        Directory = directory;
    }

    public Uri Address { get; }

    public string Token { get; }

    /// <summary>A scratch directory for the store (and the caller's spool), deleted on dispose.</summary>
    public string Directory { get; }

    public static async Task<VerdictServerProcess> StartAsync()
    {
        string directory = Path.Combine(Path.GetTempPath(), "vypr-e2e-server-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        string database = Path.Combine(directory, "vypr.db");

        using Process tokens = Process.Start(StartInfo($"tokens create --name e2e --db \"{database}\""))!;
        string token = (await tokens.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)).Trim();
        await tokens.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, tokens.ExitCode);

        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        Process process = Process.Start(StartInfo($"serve --db \"{database}\" --urls {address.ToString().TrimEnd('/')}"))!;
        var server = new VerdictServerProcess(process, address, token, directory);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilHealthyAsync();
        return server;
    }

    public HttpClient Client() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private async Task WaitUntilHealthyAsync()
    {
        using HttpClient client = Client();
        for (int attempt = 0; attempt < 300; attempt++)
        {
            Assert.False(_process.HasExited, "vypr-server exited at start: " + _output);
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

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail("vypr-server did not become healthy within 300 checks: " + _output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static ProcessStartInfo StartInfo(string arguments)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "vypr-server.dll")}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment.Remove("VYPR_SERVER_DB");
        info.Environment.Remove("VYPR_SERVER_POSTGRES");
        info.Environment.Remove("VYPR_SERVER_URLS");
        info.Environment.Remove("VYPR_SERVER_READS");
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
