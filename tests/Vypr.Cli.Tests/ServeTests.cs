using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Tasks;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Cli.Tests;

/// <summary><c>vypr serve</c> as a real process on loopback: the server's options, the tool's default store and exit codes.</summary>
public sealed class ServeTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);
    private readonly string _directory = Directory.CreateTempSubdirectory("vypr-cli-serve-").FullName;

    [Fact]
    public async Task Serve_stores_in_the_local_store_takes_its_tokens_and_stops_cleanly_on_SIGTERM()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "SIGTERM is sent with kill(1)");
        int port = Ports.Free();
        using VyprProcess serve = VyprProcess.Start(_directory, "serve", "--urls", $"http://127.0.0.1:{port}", "--reads", "token");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        await ServerProcess.WaitForHealthAsync(client, () => serve.HasExited, () => $"vypr serve:\n{serve.Output}\n{serve.Error}");
        Assert.Contains($"Vypr verdict server on http://127.0.0.1:{port}; store: SQLite {Path.Combine(_directory, ".vypr", "verdicts.db")}; reads: token", serve.Output, StringComparison.Ordinal);

        // vypr token opens the same default store in the same directory, while the server runs.
        (int exit, string token, string error) = await VyprProcess.RunAsync(_directory, s_timeout, "token", "create", "--name", "ci");
        Assert.True(exit == 0, error);
        token = token.Trim();
        (Guid runId, string file) = SampleRun.Write(Path.Combine(_directory, "results"));

        using (HttpResponseMessage refused = await PostAsync(client, file, null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            string detail = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains("create one with 'vypr token create'", detail, StringComparison.Ordinal);
            Assert.DoesNotContain("vypr-server", detail, StringComparison.Ordinal);
        }

        using (HttpResponseMessage stored = await PostAsync(client, file, token))
        {
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        }

        using (var read = new HttpRequestMessage(HttpMethod.Get, $"api/v1/runs/{runId:D}"))
        {
            read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using HttpResponseMessage run = await client.SendAsync(read, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, run.StatusCode);
            using JsonDocument json = JsonDocument.Parse(await run.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal("Sample.Tests", json.RootElement.GetProperty("assembly").GetString());
        }

        using (var signal = System.Diagnostics.Process.Start("kill", ["-TERM", serve.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, await serve.WaitForExitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task A_wrong_option_is_exit_2_with_the_servers_own_message()
    {
        (int exit, string output, string error) = await VyprProcess.RunAsync(_directory, s_timeout, "serve", "--reads", "maybe");

        Assert.True(exit == 2, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("vypr serve: --reads: 'maybe' is neither 'open' nor 'token'", error, StringComparison.Ordinal);
        Assert.Contains("See 'vypr serve --help'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_in_use_is_exit_3()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;

        (int exit, string output, string error) = await VyprProcess.RunAsync(_directory, s_timeout, "serve", "--db", Path.Combine(_directory, "x.db"), "--urls", $"http://127.0.0.1:{port}");

        Assert.True(exit == 3, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("vypr serve: ", error, StringComparison.Ordinal);
        Assert.Contains(port.ToString(CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string file, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/ingest") { Content = new ByteArrayContent(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
