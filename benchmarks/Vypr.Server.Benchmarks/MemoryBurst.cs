using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Contracts;

namespace Vypr.Server.Benchmarks;

/// <summary>
/// The server's resident memory under the worst-case ingest mix (docs/server.md): a real <c>vypr-server</c>
/// process on loopback, hit by bursts of concurrent gzip bodies that inflate to just under the per-request limit,
/// sampled from /proc during the burst and after it. Bounded: a fixed number of requests, one burst at a time.
/// </summary>
internal static class MemoryBurst
{
    // As many as fit in about 31 MiB of the contract's (indented) JSON.
    private const int Verdicts = 62_000;

    public static async Task RunAsync(string directory, string serverDll, int clients, int bursts)
    {
        string db = Path.Combine(directory, "memory.db");
        string token = (await RunToCompletionAsync(serverDll, $"tokens create --name bench --db \"{db}\"")).Trim();
        int port = Loopback.FreePort();
        using Process server = Start(serverDll, $"serve --db \"{db}\" --urls http://127.0.0.1:{port}");
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(5) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            await WaitForHealthAsync(client);

            // Two bodies, each inflating to about 31 MiB (the default limit is 32 MiB): 31 MiB of whitespace before
            // a document (about 30 KiB on the wire; buffered in full, then refused), and a document of 80,000 verdicts
            // (as many as fit), parsed in full and then refused for its schema, so that the burst
            // measures reading and parsing, not the disk.
            byte[] whitespace = Gzip(Encoding.UTF8.GetBytes(new string(' ', 31 * 1024 * 1024) + "{}"));
            byte[] document = LargeDocument();
            byte[] verdicts = Gzip(document);
            Console.WriteLine($"Memory: {clients} concurrent clients per burst; bodies of {whitespace.Length / 1024:N0} KiB (whitespace, 31 MiB inflated) and {verdicts.Length / 1024:N0} KiB ({Verdicts:N0} verdicts, {document.Length / 1048576.0:N1} MiB inflated) on the wire");
            Console.WriteLine($"  idle after start: {Rss(server) / 1048576.0:N0} MiB resident");

            for (int burst = 0; burst < bursts; burst++)
            {
                byte[] body = burst % 2 == 0 ? whitespace : verdicts;
                using var sampling = new CancellationTokenSource();
                long peak = 0;
                Task sampler = Task.Run(async () =>
                {
                    while (!sampling.IsCancellationRequested)
                    {
                        peak = Math.Max(peak, Rss(server));
                        await Task.Delay(20);
                    }
                });
                var watch = Stopwatch.StartNew();
                int[] statuses = await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
                {
                    var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    content.Headers.ContentEncoding.Add("gzip");
                    using HttpResponseMessage response = await client.PostAsync("api/v1/ingest", content);
                    return (int)response.StatusCode;
                }));
                watch.Stop();
                await sampling.CancelAsync();
                await sampler;
                string answers = string.Join(", ", statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Count()} x {g.Key}"));
                Console.WriteLine($"  burst {burst + 1} ({(burst % 2 == 0 ? "whitespace" : $"{Verdicts:N0} verdicts")}): {answers} in {watch.Elapsed.TotalSeconds:N1} s; peak {peak / 1048576.0:N0} MiB resident");
                await Task.Delay(TimeSpan.FromSeconds(10));
                Console.WriteLine($"    10 s after the burst: {Rss(server) / 1048576.0:N0} MiB resident");
            }

            Console.WriteLine($"  high-water mark of the whole run (VmHWM): {Status(server, "VmHWM:") / 1048576.0:N0} MiB");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static byte[] LargeDocument()
    {
        var workload = new Workload(Guid.NewGuid());
        RunDocument document = workload.Document(Workload.Verdicts(1, Verdicts)) with { Schema = "vypr.run/0" };
        return JsonSerializer.SerializeToUtf8Bytes(document, VyprJsonContext.Default.RunDocument);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return buffer.ToArray();
    }

    private static long Rss(Process process) => Status(process, "VmRSS:");

    // /proc/<pid>/status reports kB; the process is the server itself (dotnet runs it in-process).
    private static long Status(Process process, string field)
    {
        foreach (string line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    private static async Task WaitForHealthAsync(HttpClient client)
    {
        for (int attempt = 0; attempt < 600; attempt++)
        {
            try
            {
                using HttpResponseMessage health = await client.GetAsync("api/v1/health");
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException("vypr-server did not answer its health check");
    }

    private static Process Start(string serverDll, string arguments)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{serverDll}\" {arguments}") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        Process process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<string> RunToCompletionAsync(string serverDll, string arguments)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{serverDll}\" {arguments}") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(info)!;
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"vypr-server {arguments}: exit {process.ExitCode}");
    }
}
