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
}
