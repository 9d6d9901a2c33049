using System.Net;
using System.Net.Sockets;

namespace Vypr.Server.Benchmarks;

internal static class Loopback
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
