using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Vypr.Contracts;

namespace Vypr.Server.Ingest;

/// <summary>
/// Reads an ingest request body: one run document, a JSON array of them, or NDJSON (one per line), optionally
/// gzip-compressed. Only the contract types are ever deserialised; the client cannot name a type.
/// </summary>
internal static class BatchReader
{
    public const string NdjsonMediaType = "application/x-ndjson";

    /// <summary>Reads and validates the whole batch, or throws <see cref="BatchRejectedException"/> / <see cref="PayloadTooLargeException"/>.</summary>
    public static async Task<List<(RunDocument Document, string Path)>> ReadAsync(HttpRequest request, long maxBytes, int maxVerdicts, CancellationToken cancellationToken)
    {
        string mediaType = request.ContentType?.Split(';', 2)[0].Trim().ToLowerInvariant() ?? string.Empty;
        bool ndjson = mediaType is NdjsonMediaType or "application/ndjson";
        if (!ndjson && mediaType != "application/json")
        {
            throw new UnsupportedMediaTypeException(mediaType);
        }

        Stream body = request.Body;
        string encoding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        if (encoding == "gzip")
        {
            body = new GZipStream(body, CompressionMode.Decompress, leaveOpen: true);
        }
        else if (encoding is not ("" or "identity"))
        {
            throw new UnsupportedMediaTypeException("Content-Encoding: " + encoding);
        }

        byte[] payload = await ReadBoundedAsync(body, maxBytes, cancellationToken);
        List<(RunDocument, string)> batch = ndjson ? ReadLines(payload) : ReadJson(payload);
        int verdicts = 0;
        foreach ((RunDocument document, string path) in batch)
        {
            BatchValidator.Validate(document, path);
            verdicts += document.Verdicts.Count;
        }

        if (verdicts > maxVerdicts)
        {
            throw new PayloadTooLargeException($"the batch holds {verdicts} verdicts; the limit is {maxVerdicts} per request");
        }

        return batch;
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81_920];
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                // Checked on the decompressed bytes too: a small gzip body must not expand without bound.
                if (buffer.Length + read > maxBytes)
                {
                    throw new PayloadTooLargeException($"the request body is larger than {maxBytes} bytes");
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (InvalidDataException e)
        {
            throw new BatchRejectedException("$", "the body is not valid gzip: " + e.Message, e);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new PayloadTooLargeException($"the request body is larger than {maxBytes} bytes");
        }

        return buffer.ToArray();
    }

    private static List<(RunDocument, string)> ReadJson(byte[] payload)
    {
        ReadOnlySpan<byte> json = payload.AsSpan().TrimStart(" \t\r\n"u8);
        if (json.Length == 0)
        {
            throw new BatchRejectedException("$", "the body is empty");
        }

        if (json[0] == (byte)'[')
        {
            List<RunDocument>? documents = Deserialize(json, IngestJson.Documents, string.Empty);
            if (documents is null || documents.Count == 0)
            {
                throw new BatchRejectedException("$", "the array holds no run document");
            }

            var batch = new List<(RunDocument, string)>(documents.Count);
            for (int i = 0; i < documents.Count; i++)
            {
                batch.Add((documents[i] ?? throw new BatchRejectedException($"$[{i}]", "must not be null"), $"$[{i}]"));
            }

            return batch;
        }

        RunDocument document = Deserialize(json, IngestJson.Document, string.Empty)
            ?? throw new BatchRejectedException("$", "must not be null");
        return [(document, "$")];
    }

    private static List<(RunDocument, string)> ReadLines(byte[] payload)
    {
        var batch = new List<(RunDocument, string)>();
        ReadOnlySpan<byte> rest = payload;
        int line = 0;
        while (rest.Length > 0)
        {
            line++;
            int end = rest.IndexOf((byte)'\n');
            ReadOnlySpan<byte> text = (end < 0 ? rest : rest[..end]).Trim(" \t\r"u8);
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (text.Length == 0)
            {
                continue;
            }

            string prefix = $"line {line}: ";
            RunDocument document = Deserialize(text, IngestJson.Document, prefix)
                ?? throw new BatchRejectedException(prefix + "$", "must not be null");
            batch.Add((document, prefix + "$"));
        }

        if (batch.Count == 0)
        {
            throw new BatchRejectedException("$", "the body holds no run document");
        }

        return batch;
    }

    private static T? Deserialize<T>(ReadOnlySpan<byte> json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string prefix)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException e)
        {
            // The serializer's message names the property or the expected type; the path says where.
            throw new BatchRejectedException(prefix + (e.Path ?? "$"), e.Message, e);
        }
    }
}
