using System;
using System.Buffers;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Vypr.Runtime.Shipping;

/// <summary>
/// Where a spooled batch must go: the server, the project and the CI job of the run that made it. A spool may be
/// shared by runs of several projects and servers; a batch is replayed only by a run of its own server and project,
/// and then as what it is (its project, its CI job), never as the replaying run's.
/// </summary>
/// <param name="Server">The server's base URL, normalised (<c>http://127.0.0.1:5080</c>).</param>
/// <param name="Project">The project the server files the run under.</param>
/// <param name="CiJob">The CI job link of the run, when known.</param>
internal sealed record SpoolDestination(string Server, string Project, string? CiJob)
{
    /// <summary>The destination of a shipper's own batches.</summary>
    public static SpoolDestination Of(ShippingOptions options) =>
        new(options.ServerUrl.GetLeftPart(UriPartial.Path).TrimEnd('/'), options.Project ?? "default", options.CiJobUrl);

    /// <summary>A short stable name for the destination, part of each batch file's name.</summary>
    public string Key
    {
        get
        {
            byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{Server}\n{Project}\n{CiJob}"));
            return Convert.ToHexStringLower(hash, 0, 8);
        }
    }

    /// <summary>Whether a run shipping to <paramref name="other"/> may deliver batches of this destination.</summary>
    public bool SameServerAndProject(SpoolDestination other) =>
        string.Equals(Server, other.Server, StringComparison.OrdinalIgnoreCase) && string.Equals(Project, other.Project, StringComparison.Ordinal);

    /// <summary>The ingest URL for batches of this destination.</summary>
    public Uri IngestUrl(Uri serverUrl) =>
        new(serverUrl, "api/v1/ingest?project=" + Uri.EscapeDataString(Project) + (CiJob is { } job ? "&ciJob=" + Uri.EscapeDataString(job) : string.Empty));

    /// <summary>The destination as its descriptor file holds it.</summary>
    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("server", Server);
            writer.WriteString("project", Project);
            if (CiJob is not null)
            {
                writer.WriteString("ciJob", CiJob);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a descriptor file; null when it is missing or not a descriptor.</summary>
    public static SpoolDestination? TryRead(string path)
    {
        try
        {
            using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("server", out JsonElement server) && server.ValueKind == JsonValueKind.String
                && root.TryGetProperty("project", out JsonElement project) && project.ValueKind == JsonValueKind.String)
            {
                string? ciJob = root.TryGetProperty("ciJob", out JsonElement job) && job.ValueKind == JsonValueKind.String ? job.GetString() : null;
                return new SpoolDestination(server.GetString()!, project.GetString()!, ciJob);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
