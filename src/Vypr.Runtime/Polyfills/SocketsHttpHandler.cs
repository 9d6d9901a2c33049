using System;

namespace System.Net.Http;

/// <summary>
/// The handler the shipper creates, for the netstandard2.0 build (compiled for netstandard2.0 only): there the
/// platform's <see cref="HttpClientHandler"/>.
/// </summary>
/// <remarks>
/// On .NET the shipper bounds a pooled connection's lifetime so a long run sees a server's new address; .NET
/// Framework's connections are managed by its <c>ServicePointManager</c>, so the setting is kept and not applied.
/// </remarks>
internal sealed class SocketsHttpHandler : HttpClientHandler
{
    /// <summary>How long a pooled connection may be reused (not applied below .NET Core).</summary>
    public TimeSpan PooledConnectionLifetime { get; set; }
}
