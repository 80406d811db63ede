using System.Globalization;

namespace Infogerance.LocalServers;

/// <summary>
/// How to run a private RabbitMQ node from the installed server over a data folder. The script exits 0 even when
/// the boot fails: whoever runs it knows the node is up only when the AMQP port answers.
/// </summary>
public sealed class RabbitMqLaunch
{
    // Debian's /usr/sbin/rabbitmq-server is a wrapper that switches to the rabbitmq user and its system folders.
    private const string DebianServer = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    private readonly string root;

    private RabbitMqLaunch(string root, string fileName, int amqpPort)
    {
        this.root = root;
        FileName = fileName;
        Port = amqpPort;
        Environment = new Dictionary<string, string>
        {
            ["RABBITMQ_NODENAME"] = $"infogerance-{amqpPort}@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = amqpPort.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = Ports.GetFreePorts(2).First(port => port != amqpPort).ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(root, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(root, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = PluginsFile,
            // Where the Erlang cookie is created.
            ["HOME"] = Home,
            // Erlang distribution and its port mapper listen on every interface unless told otherwise.
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            // A boot failure otherwise leaves its crash dump in whatever folder the server was started from.
            ["ERL_CRASH_DUMP"] = Path.Combine(root, "erl_crash.dump"),
        };
    }

    public string FileName { get; }
    public int Port { get; }
    public IReadOnlyDictionary<string, string> Environment { get; }
    public string Log => Path.Combine(root, "rabbitmq-console.log");

    // guest may only connect from loopback, which is all a private node listens on.
    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    private string Home => Path.Combine(root, "home");
    private string PluginsFile => Path.Combine(root, "enabled_plugins");

    public static RabbitMqLaunch Plan(string dataDirectory, int amqpPort)
    {
        var server = new[] { DebianServer, ChildProcess.FindOnPath("rabbitmq-server") }.FirstOrDefault(ChildProcess.IsProgram)
            ?? throw new InfrastructureException("RabbitMQ not found: install it with `apt-get install rabbitmq-server`");
        return new RabbitMqLaunch(Path.GetFullPath(dataDirectory), server, amqpPort);
    }

    public async Task PrepareAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Home);
        await File.WriteAllTextAsync(PluginsFile, "[].", ct);
    }
}
