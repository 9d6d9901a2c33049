using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Vypr.Server.Tests.Harness;

/// <summary>Reads the server's JSON answers with the server's own metadata.</summary>
public static class Http
{
    /// <summary>The read API's JSON: web names, numbers as numbers, non-finite doubles as "NaN"/"Infinity"/"-Infinity".</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerOptions.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task<T> GetAsync<T>(HttpClient client, string path)
    {
        using HttpResponseMessage response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<T>(body, Options)!;
    }

    public static async Task<JsonElement> PostAsync(HttpClient client, string path, HttpContent content, int expectedStatus)
    {
        using HttpResponseMessage response = await client.PostAsync(path, content, TestContext.Current.CancellationToken);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == expectedStatus, $"POST {path}: expected {expectedStatus}, got {(int)response.StatusCode} {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}
