using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Contracts;

namespace Vypr.Load.Storage;

/// <summary>
/// Stores a load run's document in a verdict server (<c>POST /api/v1/ingest</c>, docs/server.md). The verdicts go in
/// batches of <see cref="BatchSize"/>, the first with the specifications, call sites, tests, summaries and the load
/// section, the others referring to them; the server stores each verdict once, so sending again after a failure is
/// harmless.
/// </summary>
public sealed class LoadRunShipper
{
    /// <summary>Verdicts per request.</summary>
    public const int BatchSize = 2000;

    private readonly HttpClient _client;

    /// <summary>A shipper sending through <paramref name="client"/>, whose base address is the server's.</summary>
    /// <param name="client">The HTTP client.</param>
    public LoadRunShipper(HttpClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>Sends the document.</summary>
    /// <param name="document">The load run's document.</param>
    /// <param name="token">The write token (<c>Authorization: Bearer</c>), or null.</param>
    /// <param name="project">The project to file the run under, or null for the token's.</param>
    /// <param name="cancellationToken">Cancels the sending.</param>
    /// <returns>The number of requests the server acknowledged.</returns>
    /// <exception cref="LoadStorageException">The server refused a batch or could not be reached; the message says which and why.</exception>
    public async Task<int> ShipAsync(RunDocument document, string? token, string? project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        string path = "api/v1/ingest" + (string.IsNullOrEmpty(project) ? string.Empty : "?project=" + Uri.EscapeDataString(project));
        List<RunDocument> batches = Split(document);
        for (int i = 0; i < batches.Count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new StringContent(JsonSerializer.Serialize(batches[i], VyprJsonContext.Default.RunDocument), Encoding.UTF8, "application/json"),
            };
            if (!string.IsNullOrEmpty(token))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new LoadStorageException($"the verdict server {_client.BaseAddress} could not be reached: {e.Message}", e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new LoadStorageException($"the verdict server {_client.BaseAddress} did not answer within {_client.Timeout.TotalSeconds:0}s", e);
            }

            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    throw new LoadStorageException($"the verdict server {_client.BaseAddress} refused batch {i + 1} of {batches.Count} with {(int)response.StatusCode}: {body}");
                }
            }
        }

        return batches.Count;
    }

    /// <summary>The requests a document is sent in: verdicts in batches of <see cref="BatchSize"/>, the rest in the first.</summary>
    /// <param name="document">The document.</param>
    /// <returns>At least one document.</returns>
    public static List<RunDocument> Split(RunDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var batches = new List<RunDocument> { document with { Verdicts = document.Verdicts.Take(BatchSize).ToArray() } };
        for (int first = BatchSize; first < document.Verdicts.Count; first += BatchSize)
        {
            batches.Add(new RunDocument(document.Schema, document.Run, [], [], [], document.Verdicts.Skip(first).Take(BatchSize).ToArray()));
        }

        return batches;
    }
}
