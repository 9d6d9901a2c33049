using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace Vypr.Analysis.Server;

/// <summary>
/// The one HTTP client of a verdict server's read API (<c>/api/v1</c>): a GET with the token, the answer read through
/// its source-generated JSON type, and every failure a <see cref="VerdictServerException"/> that names the request and
/// what the server said. The analysis reader and <c>vypr report --server</c> both read through it.
/// </summary>
internal sealed class ReadApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _tokenHint;

    /// <summary>A client of the server at <paramref name="baseAddress"/>.</summary>
    /// <param name="baseAddress">Where the server is mounted (<c>http://ci:5080/</c>).</param>
    /// <param name="token">The API token sent as <c>Authorization: Bearer</c>, or null.</param>
    /// <param name="tokenVariable">The environment variable the token comes from, named when a read is refused for want of one.</param>
    /// <param name="timeout">How long one request may take.</param>
    /// <param name="handler">The HTTP handler (tests, proxies); null for the default.</param>
    public ReadApiClient(Uri baseAddress, string? token, string tokenVariable, TimeSpan timeout, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        _http.Timeout = timeout;
        _tokenHint = $" (set {tokenVariable} to a token of the server)";
        if (!string.IsNullOrWhiteSpace(token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        }
    }

    /// <summary>Where the server is mounted, ending with a slash.</summary>
    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>Reads <paramref name="relative"/>; a 404 is an error like any other refusal.</summary>
    /// <exception cref="VerdictServerException">The server is unreachable, refused the read, or answered with something else than <typeparamref name="T"/>.</exception>
    public async Task<T> GetAsync<T>(string relative, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class =>
        (await ReadAsync(relative, type, absentIsNull: false, cancellationToken))!; // null only for a 404 taken as absence

    /// <summary>Reads <paramref name="relative"/>, or null when the server has no such thing (404).</summary>
    /// <exception cref="VerdictServerException">The server is unreachable, refused the read, or answered with something else than <typeparamref name="T"/>.</exception>
    public Task<T?> GetOrNullAsync<T>(string relative, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class =>
        ReadAsync(relative, type, absentIsNull: true, cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private async Task<T?> ReadAsync<T>(string relative, JsonTypeInfo<T> type, bool absentIsNull, CancellationToken cancellationToken)
        where T : class
    {
        string request = $"GET {_http.BaseAddress}{relative}";
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(relative, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new VerdictServerException($"{request}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new VerdictServerException($"{request}: no answer within {_http.Timeout.TotalSeconds:0} s", e);
        }

        using (response)
        {
            if (absentIsNull && response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            string body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                string hint = response.StatusCode == HttpStatusCode.Unauthorized ? _tokenHint : string.Empty;
                throw new VerdictServerException($"{request}: {(int)response.StatusCode} {response.ReasonPhrase}{Problem(body)}{hint}");
            }

            try
            {
                return JsonSerializer.Deserialize(body, type) ?? throw new VerdictServerException($"{request}: the answer is null");
            }
            catch (JsonException e)
            {
                throw new VerdictServerException($"{request}: {e.Path}: {e.Message}", e);
            }
        }
    }

    // A problem-details answer (RFC 9457) names what went wrong in "detail", or at least "title".
    private static string Problem(string body)
    {
        try
        {
            using JsonDocument problem = JsonDocument.Parse(body);
            return problem.RootElement.ValueKind == JsonValueKind.Object
                && (Member(problem.RootElement, "detail") ?? Member(problem.RootElement, "title")) is { Length: > 0 } text
                ? ": " + text
                : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }

        static string? Member(JsonElement problem, string name) =>
            problem.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
