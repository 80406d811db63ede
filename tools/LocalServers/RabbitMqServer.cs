using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Infogerance.LocalServers;

/// <summary>
/// A RabbitMQ broker for local runs and tests: either a private node started from the installed server under
/// a data folder, or an existing broker given by its AMQP URI, which is never stopped.
/// </summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    // Boot takes 8 to 11 s here; a failed boot is only seen as a port that never opens, as the script exits 0.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private static readonly byte[] AmqpProtocolHeader = [(byte)'A', (byte)'M', (byte)'Q', (byte)'P', 0, 0, 9, 1];

    private readonly PrivateNode? node;
    private int disposed;

    private RabbitMqServer(string connectionString, PrivateNode? node)
    {
        ConnectionString = connectionString;
        this.node = node;
    }

    public string ConnectionString { get; }

    public static RabbitMqServer UseExisting(string amqpUri) =>
        Uri.TryCreate(amqpUri, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps" && uri.Host is not ""
            ? new RabbitMqServer(amqpUri, node: null)
            : throw new InfrastructureException("Invalid RabbitMQ connection string: expected amqp://user:password@host:port");

    public static async Task<RabbitMqServer> StartPrivateAsync(string dataDirectory, int amqpPort, CancellationToken ct)
    {
        var launch = RabbitMqLaunch.Plan(dataDirectory, amqpPort);
        if (!Ports.IsFree(amqpPort))
        {
            throw new InfrastructureException($"Port {amqpPort} is already in use (RabbitMQ): free it or choose another with --rabbitmq-port");
        }
        await launch.PrepareAsync(ct);
        var process = ChildProcess.StartLogged(launch.FileName, [], launch.Log, launch.Environment);

        var rabbitMq = new RabbitMqServer(launch.ConnectionString, new PrivateNode(process, launch.Log));
        try
        {
            await WaitUntilReadyAsync(rabbitMq.node!, amqpPort, ct);
            return rabbitMq;
        }
        catch
        {
            await rabbitMq.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // An existing broker is not ours to stop.
        if (node is null || Interlocked.Exchange(ref disposed, 1) == 1) return;

        // SIGTERM makes the script stop the broker gracefully, in about 1 s (rabbitmqctl stop takes 2 s, starting a VM of
        // its own). The script runs the Erlang VM as its child, so the fallback kills the whole tree.
        await ChildProcess.TerminateAsync(node.Process, StopTimeout);
        node.Process.Dispose();
    }

    private static async Task WaitUntilReadyAsync(PrivateNode node, int port, CancellationToken ct)
    {
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < StartTimeout)
        {
            if (node.Process.HasExited)
            {
                throw new InfrastructureException($"RabbitMQ stopped while starting; last lines of {node.Log}:\n{ChildProcess.Tail(node.Log)}");
            }
            if (await AnswersAmqpAsync(port, ct)) return;
            await Task.Delay(250, ct);
        }
        throw new InfrastructureException(
            $"RabbitMQ did not answer on port {port} within {StartTimeout.TotalSeconds:0} s; last lines of {node.Log}:\n{ChildProcess.Tail(node.Log)}");
    }

    /// <summary>An open port is not enough: the broker must answer the AMQP protocol header with its Connection.Start.</summary>
    public static async Task<bool> AnswersAmqpAsync(int port, CancellationToken ct)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, attempt.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(AmqpProtocolHeader, attempt.Token);
            return await stream.ReadAsync(new byte[1], attempt.Token) > 0;
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }

    private sealed record PrivateNode(Process Process, string Log);
}
