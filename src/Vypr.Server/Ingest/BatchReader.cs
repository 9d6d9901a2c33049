using System;
using System.Buffers;
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
    public static async Task<List<(RunDocument Document, string Path)>> ReadAsync(HttpRequest request, ChunkPool pool, long maxBytes, int maxVerdicts, CancellationToken cancellationToken)
    {
        string mediaType = request.ContentType?.Split(';', 2)[0].Trim().ToLowerInvariant() ?? string.Empty;
        bool ndjson = mediaType is NdjsonMediaType or "application/ndjson";
        if (!ndjson && mediaType != "application/json")
        {
            throw new UnsupportedMediaTypeException(mediaType);
        }

        string encoding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        if (encoding is not ("" or "identity" or "gzip"))
        {
            throw new UnsupportedMediaTypeException("Content-Encoding: " + encoding);
        }

        List<(RunDocument, string)> batch;
        using (BodyBuffer payload = await ReadBodyAsync(request.Body, pool, encoding == "gzip", maxBytes, cancellationToken))
        {
            ReadOnlySequence<byte> json = payload.ToSequence();
            batch = ndjson ? ReadLines(json) : ReadJson(json);
        }

        int verdicts = 0;
        for (int i = 0; i < batch.Count; i++)
        {
            (RunDocument document, string path) = batch[i];
            // Writers before summaries existed omit them; the serializer then leaves the property null.
            if (document.Summaries is null)
            {
                batch[i] = (document with { Summaries = [] }, path);
            }

            BatchValidator.Validate(batch[i].Item1, path);
            verdicts += document.Verdicts.Count;
        }

        if (verdicts > maxVerdicts)
        {
            throw new PayloadTooLargeException($"the batch holds {verdicts} verdicts; the limit is {maxVerdicts} per request");
        }

        return batch;
    }

    private static async Task<BodyBuffer> ReadBodyAsync(Stream body, ChunkPool pool, bool gzip, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            if (!gzip)
            {
                return await BodyBuffer.ReadAsync(body, pool, maxBytes, cancellationToken);
            }

            // One gzip member, inflated as it arrives and stopped at the limit: a small body that inflates to
            // gigabytes costs at most maxBytes before it is refused.
            var compressed = new GzipTrailer(body);
            BodyBuffer inflated;
            await using (var gzipStream = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true))
            {
                inflated = await BodyBuffer.ReadAsync(gzipStream, pool, maxBytes, cancellationToken);
            }

            try
            {
                await compressed.DrainAsync(cancellationToken);
                if (!compressed.Matches(inflated.Crc32, inflated.Length))
                {
                    throw new BatchRejectedException("$", "the gzip body is not one complete gzip member: its CRC-32 and size trailer is missing or wrong, or data follows it");
                }
            }
            catch
            {
                inflated.Dispose();
                throw;
            }

            return inflated;
        }
        catch (InvalidDataException e)
        {
            throw new BatchRejectedException("$", "the body is not valid gzip: " + e.Message, e);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new PayloadTooLargeException($"the request body is larger than {maxBytes} bytes");
        }
    }

    private static List<(RunDocument, string)> ReadJson(ReadOnlySequence<byte> json)
    {
        var peek = new Utf8JsonReader(json);
        try
        {
            if (!peek.Read())
            {
                throw new BatchRejectedException("$", "the body is empty");
            }
        }
        catch (JsonException e)
        {
            throw new BatchRejectedException("$", e.Message, e);
        }

        if (peek.TokenType == JsonTokenType.StartArray)
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

    private static List<(RunDocument, string)> ReadLines(ReadOnlySequence<byte> payload)
    {
        var batch = new List<(RunDocument, string)>();
        var lines = new SequenceReader<byte>(payload);
        int line = 0;
        while (!lines.End)
        {
            line++;
            if (!lines.TryReadTo(out ReadOnlySequence<byte> text, (byte)'\n'))
            {
                text = lines.UnreadSequence;
                lines.AdvanceToEnd();
            }

            var blank = new Utf8JsonReader(text);
            string prefix = $"line {line}: ";
            try
            {
                if (!blank.Read())
                {
                    continue;
                }
            }
            catch (JsonException e)
            {
                throw new BatchRejectedException(prefix + "$", e.Message, e);
            }

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

    private static T? Deserialize<T>(ReadOnlySequence<byte> json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string prefix)
    {
        try
        {
            // Through a pipe over the chunks, not a reader: the serializer then reads to the end (refusing anything
            // after the value) and names the innermost path of a truncated document, as it does for a span.
            ValueTask<T?> read = JsonSerializer.DeserializeAsync(System.IO.Pipelines.PipeReader.Create(json), type);
            return read.IsCompletedSuccessfully ? read.Result : read.AsTask().GetAwaiter().GetResult();
        }
        catch (JsonException e)
        {
            // The serializer's message names the property or the expected type; the path says where.
            throw new BatchRejectedException(prefix + (e.Path ?? "$"), e.Message, e);
        }
    }
}
