using System.Net.Sockets;
using Infogerance.ServiceDefaults;

namespace Infogerance.Messaging;

/// <summary>The RabbitMQ server from <c>ConnectionStrings__messaging</c> (<c>amqp://user:pass@host:port</c>).</summary>
public sealed record BrokerAddress(Uri Uri)
{
    public static BrokerAddress FromConnectionString(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StartupFailedException("ConnectionStrings__messaging is not set: give it the RabbitMQ address (amqp://user:password@host:5672).");
        }

        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps") || string.IsNullOrEmpty(uri.Host))
        {
            throw new StartupFailedException("ConnectionStrings__messaging is not an amqp:// address (amqp://user:password@host:5672).");
        }

        return new BrokerAddress(uri);
    }

    public int Port => Uri.IsDefaultPort ? (Uri.Scheme == "amqps" ? 5671 : 5672) : Uri.Port;
}

/// <summary>
/// Fails the start with one clear line when the broker cannot be reached, instead of a service that runs
/// but never becomes ready.
/// </summary>
internal sealed class BrokerReachableCheck(BrokerAddress broker) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var lastError = "";
        while (!timeout.IsCancellationRequested)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(broker.Uri.Host, broker.Port, timeout.Token);
                return;
            }
            catch (SocketException ex)
            {
                lastError = ex.Message;
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new StartupFailedException(
            $"cannot reach RabbitMQ at {broker.Uri.Host}:{broker.Port} ({lastError}): check ConnectionStrings__messaging and that RabbitMQ is running.");
    }
}
