extern alias contracts;
extern alias gateway;
extern alias identity;
extern alias incidents;
extern alias invoicing;
extern alias notifications;
extern alias reporting;

using System.Net;
using Infogerance.LocalServers;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Infogerance.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using IdentitySettings = identity::Infogerance.Identity.IdentitySettings;
using TokenIssuer = identity::Infogerance.Identity.Tokens.TokenIssuer;
using TokenSubject = identity::Infogerance.Identity.Tokens.TokenSubject;

namespace Infogerance.EndToEnd.Tests;

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<InfogeranceSystem>
{
    public const string Name = "system";
}

/// <summary>
/// The system as deployed, in this process: every service and the gateway on real sockets (Identity with the demo
/// world), all over the shared PostgreSQL and RabbitMQ, and Notifications e-mailing to an SMTP server of the test's
/// (<see cref="Mailbox"/>). Access tokens live 8 s here, and a failed e-mail is retried within seconds, so that what
/// takes effect "within a minute" in production is seen within seconds.
/// </summary>
public sealed class InfogeranceSystem(TestInfrastructure infrastructure) : IAsyncLifetime
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(8);

    /// <summary>The key the services present to one another's internal routes, as the AppHost gives them one.</summary>
    public static readonly string InternalKey = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private readonly List<IAsyncDisposable> _factories = [];

    public TestInfrastructure Infrastructure => infrastructure;

    /// <summary>The mail server Notifications sends to: what reached each person's mailbox.</summary>
    public SmtpMailbox Mailbox { get; } = SmtpMailbox.Start();
    public string IdentityUrl { get; } = $"http://127.0.0.1:{Ports.GetFreePort()}";
    public string GatewayUrl { get; } = $"http://127.0.0.1:{Ports.GetFreePort()}";
    public string IdentityDatabase { get; private set; } = "";
    public IServiceProvider IdentityServices { get; private set; } = null!;

    /// <summary>Every service, by name, for sweeps over their endpoints.</summary>
    public IReadOnlyDictionary<string, IServiceProvider> Services { get; private set; } = new Dictionary<string, IServiceProvider>();
    public IReadOnlyDictionary<string, Func<HttpClient>> DirectClients { get; private set; } = new Dictionary<string, Func<HttpClient>>();

    /// <summary>Each backend's address, which the gateway routes to.</summary>
    private readonly Dictionary<string, string> _backendUrls = new()
    {
        ["contracts"] = $"http://127.0.0.1:{Ports.GetFreePort()}",
        ["incidents"] = $"http://127.0.0.1:{Ports.GetFreePort()}",
        ["invoicing"] = $"http://127.0.0.1:{Ports.GetFreePort()}",
        ["reporting"] = $"http://127.0.0.1:{Ports.GetFreePort()}",
        ["notifications"] = $"http://127.0.0.1:{Ports.GetFreePort()}",
    };

    /// <summary>The contract events every consumer receives, as another service would.</summary>
    public EventRecorder Events { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> Databases => _databases;

    private readonly Dictionary<string, string> _databases = [];

    /// <summary>Publishes contract events as the Contracts service will, through an outbox of its own.</summary>
    public TestService ContractsPublisher { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var services = new Dictionary<string, IServiceProvider>();
        var clients = new Dictionary<string, Func<HttpClient>>();
        // Before Identity, whose start publishes the demo people's accounts (Notifications addresses them, Incidents assigns
        // tickets to the desk's): as in the AppHost, their queues are bound first.
        await AddBackendAsync<notifications::Program>("notifications", services, clients, new Dictionary<string, string>
        {
            ["Notifications:Smtp:Host"] = Mailbox.Host,
            ["Notifications:Smtp:Port"] = Mailbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Smtp:Security"] = "None",
            ["Notifications:PublicOrigin"] = GatewayUrl,
            ["Notifications:Email:PollInterval"] = "00:00:00.500",
            ["Notifications:Email:FirstRetryDelay"] = "00:00:01",
            ["Notifications:Email:LongestRetryDelay"] = "00:00:02",
            ["services:reporting:http:0"] = _backendUrls["reporting"],
        });
        await AddBackendAsync<incidents::Program>("incidents", services, clients);

        IdentityDatabase = await infrastructure.CreateDatabaseAsync("identity");
        var identity = Track(new WebApplicationFactory<identity::Program>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:identity", IdentityDatabase)
            .UseSetting("ConnectionStrings:messaging", infrastructure.RabbitMq.ConnectionString)
            .UseSetting("Identity:SeedDemoData", "true")
            .UseSetting("Identity:PublicOrigin", GatewayUrl)
            .UseSetting("Internal:Key", InternalKey)
            .UseSetting("Identity:AccessTokenLifetime", TokenLifetime.ToString())
            .UseSetting("Logging:LogLevel:Default", "Warning")
            .UseUrls(IdentityUrl)));
        identity.UseKestrel();
        identity.StartServer();
        IdentityServices = identity.Services;

        Events = await EventRecorder.StartAsync(infrastructure);

        services["identity"] = identity.Services;
        clients["identity"] = () => new HttpClient { BaseAddress = new Uri(IdentityUrl) };
        // The consumers of the Contracts service's events first (as the AppHost's waves do; Incidents already runs): the
        // demo contracts' first events find their queues bound.
        await AddBackendAsync<invoicing::Program>("invoicing", services, clients);
        await AddBackendAsync<reporting::Program>("reporting", services, clients);
        await AddBackendAsync<contracts::Program>("contracts", services, clients);

        var gateway = Track(CreateGateway(GatewayUrl));
        gateway.StartServer();
        services["gateway"] = gateway.Services;
        Services = services;
        DirectClients = clients;
        ContractsPublisher = await TestService.StartAsync(infrastructure, "contracts_events");
    }

    /// <summary>A gateway in front of this system's Identity; <paramref name="settings"/> override its configuration.</summary>
    public WebApplicationFactory<gateway::Program> CreateGateway(string url, IDictionary<string, string>? settings = null)
    {
        var factory = new WebApplicationFactory<gateway::Program>().WithWebHostBuilder(web =>
        {
            web.UseUrls(url)
                .UseSetting("services:identity:http:0", IdentityUrl)
                .UseSetting("Internal:Key", InternalKey)
                .UseSetting("Spa:Root", Path.Combine(Repository.Root, "src", "Web", "dist"))
                .UseSetting("RateLimits:LoginsPerAddressPerMinute", "1000")
                .UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (name, backend) in _backendUrls)
            {
                web.UseSetting($"services:{name}:http:0", backend);
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                web.UseSetting(key, value);
            }
        });
        factory.UseKestrel();
        return factory;
    }

    public HttpClient CreateBrowserLikeClient(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true }) { BaseAddress = new Uri(GatewayUrl) };
        client.DefaultRequestHeaders.Add("X-CSRF", "1");
        return client;
    }

    public Task<identity::Infogerance.Identity.Tokens.AccessToken> IssueTokenAsync(TokenSubject subject, TimeSpan? lifetime = null) =>
        IdentityServices.GetRequiredService<TokenIssuer>().IssueAsync(subject, CancellationToken.None, lifetime);

    /// <summary>Runs SQL as the identity database's owner (bypassing nothing: FORCE RLS applies, so scope it).</summary>
    public async Task<NpgsqlConnection> OpenIdentityAsOwnerAsync()
    {
        var connection = new NpgsqlConnection(IdentityDatabase);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Says, as the Contracts service will, that a contract between a tenant and a provider is open or closed.</summary>
    public async Task PublishContractPartiesAsync(Guid tenant, Guid contract, Guid provider, bool isOpen, long version)
    {
        await using var unitOfWork = await ContractsPublisher.Database.BeginAsync(tenant, CancellationToken.None);
        await unitOfWork.AddEventAsync(new ContractPartiesChanged
        {
            TenantId = tenant, ContractId = contract, ProviderOrganisationId = provider, IsOpen = isOpen, Version = version,
        });
        await unitOfWork.CommitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (ContractsPublisher is not null)
        {
            await ContractsPublisher.DisposeAsync();
        }

        if (Events is not null)
        {
            await Events.DisposeAsync();
        }

        foreach (var factory in Enumerable.Reverse(_factories))
        {
            await factory.DisposeAsync();
        }

        await Mailbox.DisposeAsync();
    }

    private async Task AddBackendAsync<TProgram>(
        string name, Dictionary<string, IServiceProvider> services, Dictionary<string, Func<HttpClient>> clients, IDictionary<string, string>? settings = null)
        where TProgram : class
    {
        var database = await infrastructure.CreateDatabaseAsync(name);
        _databases[name] = database;
        var url = _backendUrls[name];
        var factory = Track(new WebApplicationFactory<TProgram>().WithWebHostBuilder(web =>
        {
            web.UseSetting($"ConnectionStrings:{name}", database)
                .UseSetting("ConnectionStrings:messaging", infrastructure.RabbitMq.ConnectionString)
                .UseSetting("services:identity:http:0", IdentityUrl)
                .UseSetting("Internal:Key", InternalKey)
                .UseSetting($"{char.ToUpperInvariant(name[0])}{name[1..]}:SeedDemoData", "true")
                .UseSetting("Logging:LogLevel:Default", "Warning")
                // Last month's statements stay drafts whatever today's date, so that the tests can waive and contest them;
                // the tests that issue statements run the issuing pass themselves with the default delay.
                .UseSetting("Invoicing:IssueAfterDays", "40")
                .UseUrls(url);
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                web.UseSetting(key, value);
            }
        }));
        factory.UseKestrel();
        factory.StartServer();
        services[name] = factory.Services;
        clients[name] = () => new HttpClient { BaseAddress = new Uri(url) };
    }

    private T Track<T>(T factory) where T : IAsyncDisposable
    {
        _factories.Add(factory);
        return factory;
    }
}
