using System.Net;
using System.Net.Sockets;

namespace Vypr.Tests.Shared;

/// <summary>Loopback ports for servers the tests start.</summary>
public static class Ports
{
    /// <summary>A loopback port that was free a moment ago, so a server can be stopped and started on the same address.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
