using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Infogerance.AppHost.Infrastructure;

/// <summary>
/// A RabbitMQ broker for local runs and tests: either a private node started from the installed server under
/// a data folder, or an existing broker given by its AMQP URI, which is never stopped.
/// </summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    // Debian's /usr/sbin/rabbitmq-server is a wrapper that switches to the rabbitmq user and its system folders.
    private const string DebianServer = "/usr/lib/rabbitmq/bin/rabbitmq-server";
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
        var root = Path.GetFullPath(dataDirectory);
        var server = new[] { DebianServer, ChildProcess.FindOnPath("rabbitmq-server") }.FirstOrDefault(ChildProcess.IsProgram)
            ?? throw new InfrastructureException("RabbitMQ not found: install it with `apt-get install rabbitmq-server`");
        if (!Ports.IsFree(amqpPort))
        {
            throw new InfrastructureException($"Port {amqpPort} is already in use (RabbitMQ): free it or choose another with --rabbitmq-port");
        }

        var home = Path.Combine(root, "home");
        var pluginsFile = Path.Combine(root, "enabled_plugins");
        Directory.CreateDirectory(home);
        await File.WriteAllTextAsync(pluginsFile, "[].", ct);
        var environment = new Dictionary<string, string>
        {
            ["RABBITMQ_NODENAME"] = $"infogerance-{amqpPort}@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = amqpPort.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = Ports.GetFreePorts(2).First(port => port != amqpPort).ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(root, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(root, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = pluginsFile,
            // Where the Erlang cookie is created.
            ["HOME"] = home,
            // Erlang distribution and its port mapper listen on every interface unless told otherwise.
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            // A boot failure otherwise leaves its crash dump in whatever folder the AppHost was started from.
            ["ERL_CRASH_DUMP"] = Path.Combine(root, "erl_crash.dump"),
        };
        var log = Path.Combine(root, "rabbitmq-console.log");
        var process = ChildProcess.StartLogged(server, [], log, environment);

        // guest may only connect from loopback, which is all a private node listens on.
        var rabbitMq = new RabbitMqServer($"amqp://guest:guest@127.0.0.1:{amqpPort}", new PrivateNode(process, log));
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
    private static async Task<bool> AnswersAmqpAsync(int port, CancellationToken ct)
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
