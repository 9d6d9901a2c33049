using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Vypr.Cli.Storage;

/// <summary>
/// A verdict server: each results file is posted to <c>/api/v1/ingest</c> as it is, with the token from the
/// environment. A busy server (503) or a lost connection is tried again a few times with a growing pause; a refusal
/// (400, 401, 403, 413) is reported with the server's own explanation.
/// </summary>
/// <param name="baseUrl">The server's address (<c>http://127.0.0.1:5080</c>).</param>
/// <param name="token">The write token, or null for a server that takes none.</param>
/// <param name="project">The project, or null to let the server choose (the token's project, else <c>default</c>).</param>
internal sealed class ServerDestination(string baseUrl, string? token, string? project) : IResultsDestination
{
    private const int MaxAttempts = 5;

    public string Description => "the verdict server " + baseUrl;

    public async Task<int> StoreAsync(IReadOnlyList<string> resultsFiles, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(100) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        // The CI job's link travels in each run (run.ciJobUrl), not in the query.
        string path = "api/v1/ingest" + (project is null ? string.Empty : "?project=" + Uri.EscapeDataString(project));
        int stored = 0;
        foreach (string file in resultsFiles)
        {
            byte[] body;
            try
            {
                body = await File.ReadAllBytesAsync(file, cancellationToken);
            }
            catch (IOException e)
            {
                throw new ResultsNotStoredException($"{file}: {e.Message}", e);
            }

            stored += await PostAsync(client, path, file, body, cancellationToken);
        }

        return stored;
    }

    private async Task<int> PostAsync(HttpClient client, string path, string file, byte[] body, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            string problem;
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using HttpResponseMessage response = await client.PostAsync(path, content, cancellationToken);
                string text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    using JsonDocument outcome = JsonDocument.Parse(text);
                    return outcome.RootElement.TryGetProperty("verdictsStored", out JsonElement stored) ? stored.GetInt32() : 0;
                }

                problem = $"{(int)response.StatusCode} {response.ReasonPhrase}: {Explain(text)}";
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    throw new ResultsNotStoredException($"{Description} refused {file}: {problem}");
                }
            }
            catch (HttpRequestException e)
            {
                problem = e.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                problem = $"no answer within {client.Timeout.TotalSeconds}s";
            }
            catch (JsonException e)
            {
                throw new ResultsNotStoredException($"{Description} answered {file} with something that is not an ingest outcome: {e.Message}", e);
            }

            if (attempt == MaxAttempts)
            {
                throw new ResultsNotStoredException($"{file} could not be delivered to {Description} in {MaxAttempts} attempts: {problem}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250 * (1 << attempt)), cancellationToken);
        }
    }

    // A problem-details body is summarised by its detail and its errors (which name the JSON path); anything else is shown as it is.
    private static string Explain(string text)
    {
        try
        {
            using JsonDocument problem = JsonDocument.Parse(text);
            var parts = new List<string>();
            if (problem.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (problem.RootElement.TryGetProperty("detail", out JsonElement detail) && detail.ValueKind == JsonValueKind.String)
                {
                    parts.Add(detail.GetString()!);
                }

                if (problem.RootElement.TryGetProperty("errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Object)
                {
                    foreach (JsonProperty error in errors.EnumerateObject())
                    {
                        parts.Add($"{error.Name}: {error.Value}");
                    }
                }
            }

            return parts.Count > 0 ? string.Join("; ", parts) : text;
        }
        catch (JsonException)
        {
            return text.Length > 500 ? text[..500] : text;
        }
    }
}
