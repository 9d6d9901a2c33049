using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Vypr.Load.Tests.Support;

/// <summary>
/// Opens a local page in headless Chromium and reports what it did, through the DevTools protocol: every network
/// request other than the page itself, and every console error, uncaught exception and browser log error (a
/// Content-Security-Policy violation is one). The browser is this test's own process, killed by its handle.
/// </summary>
public static class HeadlessChromium
{
    private static readonly string[] s_candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>The browser, or a skip saying there is none.</summary>
    public static string Executable()
    {
        foreach (string candidate in s_candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Skip("no chromium on this machine (apt-get install chromium): the page is checked by its content only");
        return string.Empty;
    }

    /// <summary>Loads <paramref name="file"/> and returns the requests it made and the errors it logged.</summary>
    public static async Task<(IReadOnlyList<string> Requests, IReadOnlyList<string> Errors)> OpenAsync(string file, CancellationToken cancellationToken)
    {
        string browser = Executable();
        string profile = Path.Combine(Path.GetTempPath(), "vypr-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var info = new ProcessStartInfo(browser)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank"])
        {
            info.ArgumentList.Add(argument);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        using Process process = Process.Start(info)!;
        try
        {
            var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.ErrorDataReceived += (_, e) =>
            {
                const string prefix = "DevTools listening on ";
                if (e.Data is { } line && line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    listening.TrySetResult(line[prefix.Length..].Trim());
                }
            };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            var browserSocket = new Uri(await listening.Task.WaitAsync(timeout.Token));

            using var http = new HttpClient { BaseAddress = new Uri($"http://{browserSocket.Authority}/") };
            JsonArray targets = JsonNode.Parse(await http.GetStringAsync("json/list", timeout.Token))!.AsArray();
            string pageSocket = null!;
            foreach (JsonNode? target in targets)
            {
                if ((string?)target!["type"] == "page")
                {
                    pageSocket = (string)target["webSocketDebuggerUrl"]!;
                    break;
                }
            }

            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri(pageSocket), timeout.Token);
            string url = new Uri(file).AbsoluteUri;
            var requests = new List<string>();
            var errors = new List<string>();
            DateTime? loadedAt = null;
            var seen = new List<string>();

            // One reader of the socket (cancelling a receive would abort it); the loop below waits on its queue.
            var messages = System.Threading.Channels.Channel.CreateUnbounded<JsonNode?>();
            Task pump = Task.Run(async () =>
            {
                try
                {
                    while (socket.State == WebSocketState.Open)
                    {
                        messages.Writer.TryWrite(await ReceiveAsync(socket, timeout.Token));
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or WebSocketException)
                {
                    // The browser closed or the test ended.
                }
                finally
                {
                    messages.Writer.TryComplete();
                }
            });

            // Each domain is enabled (its answer received) before the page is navigated, so no event of the load is missed.
            int id = 0;
            foreach (string method in (string[])["Network.enable", "Runtime.enable", "Log.enable", "Page.enable"])
            {
                await SendAsync(socket, ++id, method, null, timeout.Token);
                while ((int?)(await messages.Reader.ReadAsync(timeout.Token))?["id"] != id)
                {
                }
            }

            await SendAsync(socket, ++id, "Page.navigate", new JsonObject { ["url"] = url }, timeout.Token);

            // Until the page has loaded, then a little longer for anything it starts late.
            while (loadedAt is null || DateTime.UtcNow - loadedAt < TimeSpan.FromSeconds(1))
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
                wait.CancelAfter(TimeSpan.FromMilliseconds(300));
                JsonNode? message;
                try
                {
                    message = await messages.Reader.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
                {
                    continue;
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"{url} did not load within the time allowed; the browser said: {string.Join(" | ", seen)}");
                }

                seen.Add(message?["method"] is { } m ? (string)m! : message?.ToJsonString() ?? "null");
                switch ((string?)message?["method"])
                {
                    case "Page.loadEventFired":
                        loadedAt = DateTime.UtcNow;
                        break;
                    case "Network.requestWillBeSent" when (string?)message!["params"]!["request"]!["url"] is { } requested && requested != url:
                        requests.Add(requested);
                        break;
                    case "Runtime.consoleAPICalled" when (string?)message!["params"]!["type"] is "error" or "assert" or "warning":
                        errors.Add("console." + (string?)message["params"]!["type"] + ": " + message["params"]!["args"]!.ToJsonString());
                        break;
                    case "Runtime.exceptionThrown":
                        errors.Add("exception: " + message!["params"]!["exceptionDetails"]!.ToJsonString());
                        break;
                    case "Log.entryAdded" when (string?)message!["params"]!["entry"]!["level"] is "error" or "warning":
                        errors.Add("log: " + (string?)message["params"]!["entry"]!["text"] + " " + (string?)message["params"]!["entry"]!["url"]);
                        break;
                }
            }

            timeout.Cancel();
            await pump;
            return (requests, errors);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None);
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // The browser's helpers may still be closing files; the directory is in the temporary folder.
            }
        }
    }

    private static Task SendAsync(ClientWebSocket socket, int id, string method, JsonObject? parameters, CancellationToken cancellationToken)
    {
        var message = new JsonObject { ["id"] = id, ["method"] = method };
        if (parameters is not null)
        {
            message["params"] = parameters;
        }

        return socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
    }

    private static async Task<JsonNode?> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, cancellationToken);
            text.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);
        return JsonNode.Parse(text.ToArray());
    }
}
