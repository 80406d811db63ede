using System.Net;
using System.Net.Sockets;

namespace Infogerance.EndToEnd.Tests;

/// <summary>
/// Connections to the gateway that leave from a chosen loopback address: the whole of 127.0.0.0/8 is this machine, and
/// to the gateway each address is a device of its own (its own sign-in attempts, its own unlock).
/// </summary>
internal static class LoopbackDevice
{
    /// <summary>A handler whose every connection leaves from <paramref name="local"/> for <paramref name="gateway"/>.</summary>
    public static SocketsHttpHandler Handler(IPAddress local, IPEndPoint gateway) => new()
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(gateway, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
