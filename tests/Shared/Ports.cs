using System;
using System.IO;
using System.Net;
using System.Net.Sockets;

namespace Vypr.Tests.Shared;

/// <summary>Loopback ports for servers the tests start.</summary>
public static class Ports
{
    /// <summary>
    /// A loopback port that was free a moment ago, so a server can be stopped and started on the same address. It is
    /// chosen below the system's ephemeral range: a port the system handed out (port 0) goes back to that range when
    /// released, where the next outgoing connection of any process (a PostgreSQL client of a test running beside this
    /// one) may take it as its local port before the server binds it.
    /// </summary>
    public static int Free()
    {
        (int low, int high) = BelowEphemeralRange();
        for (int attempt = 0; attempt < 200; attempt++)
        {
            int port = Random.Shared.Next(low, high);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException($"no free loopback port between {low} and {high} after 200 tries");
    }

    private static (int Low, int High) BelowEphemeralRange()
    {
        // Linux says its range; elsewhere it is 49152-65535 (IANA), and the ports below are as good.
        int ephemeralLow = 49152;
        try
        {
            string[] range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (range.Length == 2 && int.TryParse(range[0], out int low) && low > 2048)
            {
                ephemeralLow = low;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return (Math.Max(1024, ephemeralLow - 12_000), ephemeralLow);
    }
}
