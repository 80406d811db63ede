using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Infogerance.ServiceDefaults;
using Infogerance.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Infogerance.BuildingBlocks.Tests;

/// <summary>
/// A database that cannot be reached, or a service that cannot answer, is a 503 to retry; a statement that fails, or a
/// service's error, is a bug or a conflict, not an outage.
/// The failures are Npgsql's own, raised against the test PostgreSQL where they can be.
/// </summary>
public sealed class OutageTests(TestInfrastructure infrastructure)
{
    [Theory]
    [InlineData("57P01", true)] // admin_shutdown: the server is stopping, or the backend was terminated
    [InlineData("57P02", true)] // crash_shutdown
    [InlineData("57P03", true)] // cannot_connect_now: starting up or recovering
    [InlineData("53300", true)] // too_many_connections
    [InlineData("08006", true)] // connection_failure
    [InlineData("08001", true)] // sqlclient_unable_to_establish_sqlconnection
    [InlineData("23505", false)] // unique_violation
    [InlineData("42601", false)] // syntax_error
    [InlineData("42501", false)] // insufficient_privilege: a configuration to fix, retrying will not help
    [InlineData("40001", false)] // serialization_failure: transient, but a conflict of the statement, not an outage
    [InlineData("40P01", false)] // deadlock_detected
    [InlineData("57014", false)] // query_canceled (statement timeout): a slow query, not an unreachable server
    [InlineData("3D000", false)] // invalid_catalog_name: a wrong connection string
    public void A_server_error_is_an_outage_only_when_the_server_cannot_serve(string sqlState, bool outage) =>
        Assert.Equal(outage, DatabaseOutage.IsOutage(new PostgresException("message", "FATAL", "FATAL", sqlState)));

    public static TheoryData<Exception, bool> Failures => new()
    {
        { new NpgsqlException("Exception while reading from stream", new IOException("Unable to read data from the transport connection")), true },
        { new NpgsqlException("Failed to connect to 127.0.0.1:1", new SocketException((int)SocketError.ConnectionRefused)), true },
        { new NpgsqlException("The connection pool has been exhausted", new TimeoutException()), true },
        { new InvalidOperationException("wrapped", new SocketException((int)SocketError.ConnectionReset)), true },
        { new AggregateException(new ArgumentException("a"), new NpgsqlException("b", new IOException())), true },
        { new NpgsqlException("Received unexpected backend message"), false },
        { new InvalidOperationException("Connection is not open"), false },
        { new NullReferenceException(), false },
        { new TimeoutException("a call of ours that took too long"), false },
        { new AggregateException(new ArgumentException("a")), false },
        { new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused)), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Npgsql_failures_are_outages_when_the_connection_or_the_pool_failed(Exception failure, bool outage) =>
        Assert.Equal(outage, DatabaseOutage.IsOutage(failure));

    [Fact]
    public async Task A_refused_connection_is_an_outage()
    {
        var dead = new NpgsqlConnectionStringBuilder(infrastructure.Postgres.AdminConnectionString)
        {
            Host = "127.0.0.1", Port = Infogerance.LocalServers.Ports.GetFreePort(), Pooling = false, Timeout = 2,
        };
        await using var connection = new NpgsqlConnection(dead.ConnectionString);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => connection.OpenAsync(TestContext.Current.CancellationToken));
        Assert.True(DatabaseOutage.IsOutage(failure), failure.ToString());
    }

    [Fact]
    public async Task A_connection_terminated_by_the_server_is_an_outage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var victim = new NpgsqlConnection(NoPool(infrastructure.Postgres.AdminConnectionString));
        await victim.OpenAsync(ct);
        await using var admin = new NpgsqlConnection(NoPool(infrastructure.Postgres.AdminConnectionString));
        await admin.OpenAsync(ct);
        await using (var terminate = new NpgsqlCommand("SELECT pg_terminate_backend($1)", admin) { Parameters = { new() { Value = victim.ProcessID } } })
        {
            Assert.True((bool)(await terminate.ExecuteScalarAsync(ct))!);
        }

        await using var command = new NpgsqlCommand("SELECT 1", victim);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => command.ExecuteScalarAsync(ct));
        Assert.True(DatabaseOutage.IsOutage(failure), failure.ToString());
    }

    [Fact]
    public async Task An_exhausted_pool_is_an_outage()
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = new NpgsqlConnectionStringBuilder(infrastructure.Postgres.AdminConnectionString)
        {
            MaxPoolSize = 1, Timeout = 1, ApplicationName = $"pool-{Guid.NewGuid():N}",
        };
        await using var dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        await using var held = await dataSource.OpenConnectionAsync(ct);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => dataSource.OpenConnectionAsync(ct).AsTask());
        Assert.True(DatabaseOutage.IsOutage(failure), failure.ToString());
    }

    [Theory]
    [InlineData("SELEC 1")]
    [InlineData("SELECT 1 / 0")]
    [InlineData("SELECT * FROM no_such_table")]
    [InlineData("SELECT pg_sleep(2)")] // cancelled by the statement timeout set below
    public async Task A_failed_statement_is_no_outage(string sql)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = new NpgsqlConnection(NoPool(infrastructure.Postgres.AdminConnectionString));
        await connection.OpenAsync(ct);
        await using (var timeout = new NpgsqlCommand("SET statement_timeout = 200", connection))
        {
            await timeout.ExecuteNonQueryAsync(ct);
        }

        await using var command = new NpgsqlCommand(sql, connection);
        var failure = await Assert.ThrowsAnyAsync<PostgresException>(() => command.ExecuteScalarAsync(ct));
        Assert.False(DatabaseOutage.IsOutage(failure), failure.ToString());
    }

    [Theory]
    [InlineData("en", "The service cannot reach its data for the moment: retry in a few seconds.", "The service is unavailable: retry later.")]
    [InlineData("fr", "Le service ne peut pas joindre ses données pour le moment : réessayez dans quelques secondes.", "Le service est indisponible : réessayez plus tard.")]
    public async Task An_outage_is_answered_503_with_retry_after_and_a_problem_in_the_callers_language(string language, string detail, string title)
    {
        var (context, handler) = Request();
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            var failure = new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));
            Assert.True(await handler.TryHandleAsync(context, failure, TestContext.Current.CancellationToken));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", context.Response.ContentType);
        var body = JsonDocument.Parse(((MemoryStream)context.Response.Body).ToArray()).RootElement;
        Assert.Equal(503, body.GetProperty("status").GetInt32());
        Assert.Equal(title, body.GetProperty("title").GetString());
        Assert.Equal(detail, body.GetProperty("detail").GetString());
        Assert.Equal("unavailable.database", body.GetProperty("code").GetString());
        Assert.Equal(5, body.GetProperty("parameters").GetProperty("retryAfterSeconds").GetInt32());
    }

    public static TheoryData<Exception, bool> CallFailures => new()
    {
        { new HttpRequestException("Response status code does not indicate success: 503 (Service Unavailable).", null, System.Net.HttpStatusCode.ServiceUnavailable), true },
        { new HttpRequestException("502", null, System.Net.HttpStatusCode.BadGateway), true },
        { new HttpRequestException("504", null, System.Net.HttpStatusCode.GatewayTimeout), true },
        { new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused)), true },
        { new Polly.Timeout.TimeoutRejectedException(), true },
        { new Polly.CircuitBreaker.BrokenCircuitException(), true },
        { new HttpRequestException("500", null, System.Net.HttpStatusCode.InternalServerError), false },
        { new HttpRequestException("400", null, System.Net.HttpStatusCode.BadRequest), false },
        { new HttpRequestException(HttpRequestError.InvalidResponse, "The response ended prematurely"), false },
    };

    [Theory]
    [MemberData(nameof(CallFailures))]
    public void A_call_to_another_service_is_an_outage_when_it_cannot_answer_not_when_it_fails(Exception failure, bool outage) =>
        Assert.Equal(outage, DependencyOutage.IsOutage(failure));

    [Fact]
    public async Task A_service_that_does_not_answer_is_a_503_naming_a_dependency()
    {
        var (context, handler) = Request();
        Assert.True(await handler.TryHandleAsync(
            context, new HttpRequestException("503", null, System.Net.HttpStatusCode.ServiceUnavailable), TestContext.Current.CancellationToken));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        var body = JsonDocument.Parse(((MemoryStream)context.Response.Body).ToArray()).RootElement;
        Assert.Equal("unavailable.dependency", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_bug_is_left_to_the_server_error_handling()
    {
        var (context, handler) = Request();
        Assert.False(await handler.TryHandleAsync(
            context, new PostgresException("duplicate key", "ERROR", "ERROR", "23505"), TestContext.Current.CancellationToken));
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.False(context.Response.Headers.ContainsKey("Retry-After"));
    }

    private static (DefaultHttpContext Context, UnavailableExceptionHandler Handler) Request()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddProblemDetails(options => options.CustomizeProblemDetails = ProblemTexts.Localise)
            .ConfigureHttpJsonOptions(options => Extensions.ConfigureJson(options.SerializerOptions))
            .BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = "/tickets";
        context.Request.Headers.Accept = "application/json";
        context.Response.Body = new MemoryStream();
        var handler = new UnavailableExceptionHandler(
            services.GetRequiredService<IProblemDetailsService>(), NullLogger<UnavailableExceptionHandler>.Instance);
        return (context, handler);
    }

    private static string NoPool(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
}

/// <summary>Events met by a database outage wait for the database instead of going to the error queue.</summary>
public sealed class OutageRetryTests(TestInfrastructure infrastructure)
{
    [Fact]
    public async Task An_event_whose_consumer_meets_a_database_outage_longer_than_the_short_retries_is_still_consumed_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = Guid.CreateVersion7();
        OutageConsumer.Tenant = tenant;
        var run = Guid.NewGuid().ToString("N")[..8];
        await using var consumer = await TestService.StartAsync(infrastructure, $"outage-{run}", bus => bus.AddConsumer<OutageConsumer>());
        await using var producer = await TestService.StartAsync(infrastructure, $"outage-producer-{run}");
        var @event = new ItemAdded { TenantId = tenant, ItemId = Guid.CreateVersion7(), Index = 1 };
        await using (var unitOfWork = await producer.Database.BeginAsync(tenant, ct))
        {
            await unitOfWork.AddEventAsync(@event);
            await unitOfWork.CommitAsync();
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<Guid> consumed;
        do
        {
            await Task.Delay(250, ct);
            await using var unitOfWork = await consumer.Database.BeginAsync(tenant, ct);
            consumed = [.. await unitOfWork.QueryAsync<Guid>("SELECT event_id FROM consumed_events")];
        }
        while (consumed.Count == 0 && DateTime.UtcNow < deadline);

        Assert.Equal([@event.EventId], consumed);
        Assert.True(OutageConsumer.FailedFor >= OutageConsumer.Outage, $"the outage lasted {OutageConsumer.FailedFor.TotalSeconds:0.0} s");
    }

    /// <summary>Fails for <see cref="Outage"/> after its first attempt, as over a database being restarted (the short retries span 6 s).</summary>
    public sealed class OutageConsumer(Data.Database database) : Messaging.IdempotentConsumer<ItemAdded>(database)
    {
        public static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
        private static DateTime? _first;

        public static Guid Tenant { get; set; }
        public static TimeSpan FailedFor { get; private set; }

        protected override string ConsumerName => "tests.outage";

        protected override async Task HandleAsync(ItemAdded @event, Data.UnitOfWork unitOfWork)
        {
            if (@event.TenantId == Tenant)
            {
                _first ??= DateTime.UtcNow;
                if (DateTime.UtcNow - _first < Outage)
                {
                    throw new NpgsqlException("Exception while reading from stream", new IOException("Unable to read data from the transport connection"));
                }

                FailedFor = DateTime.UtcNow - _first.Value;
            }

            await unitOfWork.ExecuteAsync("INSERT INTO consumed_events (tenant_id, event_id) VALUES (@TenantId, @EventId)", new { @event.TenantId, @event.EventId });
        }
    }
}
