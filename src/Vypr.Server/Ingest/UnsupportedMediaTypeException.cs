using System;

namespace Vypr.Server.Ingest;

/// <summary>A body in a media type or encoding the ingest endpoint does not read; it becomes a 415 problem.</summary>
internal sealed class UnsupportedMediaTypeException(string mediaType)
    : Exception($"'{mediaType}' is not accepted: send application/json or application/x-ndjson, optionally with Content-Encoding: gzip");
