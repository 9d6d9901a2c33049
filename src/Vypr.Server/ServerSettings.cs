using System;
using Vypr.Server.Storage;

namespace Vypr.Server;

/// <summary>How a verdict server runs.</summary>
/// <param name="Store">Where verdicts are stored.</param>
/// <param name="Urls">The addresses Kestrel listens on (<c>http://127.0.0.1:5080</c>).</param>
/// <param name="Reads">Who may read.</param>
/// <param name="MaxRequestBytes">The largest ingest body accepted, before and after gzip decompression.</param>
/// <param name="MaxVerdictsPerRequest">The most verdicts one ingest request may carry (one transaction).</param>
internal sealed record ServerSettings(StoreLocation Store, string Urls, ReadAccess Reads, long MaxRequestBytes, int MaxVerdictsPerRequest)
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public const long DefaultMaxRequestBytes = 32L * 1024 * 1024;

    public const int DefaultMaxVerdictsPerRequest = 100_000;

    public const int DefaultMaxConcurrentIngests = 4;

    public const int DefaultMaxQueuedIngests = 64;

    /// <summary>
    /// How many ingest requests are read, parsed and stored at once; each holds at most <see cref="MaxRequestBytes"/>
    /// of body plus its parsed documents, so this bounds the memory of all ingests together.
    /// </summary>
    public int MaxConcurrentIngests { get; init; } = DefaultMaxConcurrentIngests;

    /// <summary>How many more ingest requests may wait for a turn (their bodies unread); beyond that, 503 with Retry-After.</summary>
    public int MaxQueuedIngests { get; init; } = DefaultMaxQueuedIngests;

    /// <summary>The command line that creates an API token, named in a 401's explanation (the program that runs the server).</summary>
    public string CreateTokenCommand { get; init; } = ServerCommandNames.Server.CreateToken;

    /// <summary>How long a queued ingest request waits for a turn before it gets 503 with Retry-After.</summary>
    public TimeSpan IngestQueueTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
