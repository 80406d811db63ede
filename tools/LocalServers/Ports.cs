using System.Net;
using System.Net.Sockets;

namespace Infogerance.LocalServers;

public static class Ports
{
    public static int GetFreePort() => GetFreePorts(1)[0];

    /// <summary>Ports that are free now and distinct from each other, as they are all held open while chosen.</summary>
    public static int[] GetFreePorts(int count)
    {
        var sockets = Enumerable.Range(0, count)
            .Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            .ToArray();
        try
        {
            foreach (var socket in sockets)
            {
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            }
            return [.. sockets.Select(socket => ((IPEndPoint)socket.LocalEndPoint!).Port)];
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    public static bool IsFree(int port)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        // Servers bind with SO_REUSEADDR too, so connections of a previous run lingering in TIME_WAIT do not count.
        probe.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
