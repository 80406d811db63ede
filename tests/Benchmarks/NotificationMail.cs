using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Infogerance.IntegrationEvents;
using Infogerance.LocalServers;
using Infogerance.TestSupport;
using Npgsql;

namespace Infogerance.Benchmarks;

/// <summary>
/// E-mail delivery of the Notifications service, run as the built program (one replica, <c>workers</c> e-mail workers)
/// over a PostgreSQL and a RabbitMQ of the harness's own (another Notifications on a shared broker would share
/// its queues), e-mailing to an in-process SMTP server. Events are published as another service does (outbox →
/// broker); each is an invoice paid on one contract, which tells every account manager of its provider
/// (<c>recipients</c> people, all with the default "e-mail at once" for invoices): one notification and one e-mail each.
/// Two runs: paced at <c>perSecond</c> events for <c>seconds</c> (the latency from the event's commit to the e-mail in the
/// mailbox), then <c>burst</c> events as fast as four writers commit them (e-mails delivered per second).
/// </summary>
public static partial class NotificationMail
{
    public static async Task<int> RunAsync(int recipients, int perSecond, int seconds, int burst, int workers)
    {
        // Servers of its own, whatever the environment names.
        Environment.SetEnvironmentVariable("ConnectionStrings__postgres", null);
        Environment.SetEnvironmentVariable("ConnectionStrings__messaging", null);
        await using var infrastructure = new TestInfrastructure();
        await infrastructure.InitializeAsync();
        await using var mailbox = SmtpMailbox.Start();
        var database = await infrastructure.CreateDatabaseAsync("bench_notifications");
        var url = $"http://127.0.0.1:{Ports.GetFreePort()}";
        await using var service = ProgramRun.Start(Repository.ServiceDll("Notifications"), [], new Dictionary<string, string>
        {
            ["ConnectionStrings__notifications"] = database,
            ["ConnectionStrings__messaging"] = infrastructure.RabbitMq.ConnectionString,
            ["ASPNETCORE_URLS"] = url,
            ["services__identity__http__0"] = "http://127.0.0.1:9",
            ["Notifications__Smtp__Host"] = mailbox.Host,
            ["Notifications__Smtp__Port"] = mailbox.Port.ToString(CultureInfo.InvariantCulture),
            ["Notifications__Smtp__Security"] = "None",
            ["Notifications__PublicOrigin"] = "http://localhost:8080",
            ["Notifications__Email__Workers"] = workers.ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await using var publisher = await TestService.StartAsync(infrastructure, "bench-mail-publisher");
        await UntilHealthyAsync(url, service, "Notifications");

        var tenant = Guid.CreateVersion7();
        var provider = Guid.CreateVersion7();
        var contract = Guid.CreateVersion7();
        await PublishAsync(publisher, new ContractPartiesChanged { TenantId = tenant, ContractId = contract, ProviderOrganisationId = provider, IsOpen = true, Version = 1 });
        for (var i = 0; i < recipients; i++)
        {
            await PublishAsync(publisher, new UserAccountChanged
            {
                TenantId = provider, UserId = Guid.CreateVersion7(), OrganisationKind = "provider", Email = $"bench-{i}@example.org",
                DisplayName = $"Account manager {i}", Roles = ["AccountManager"], Status = "active", Language = i % 2 == 0 ? "fr" : "en", Version = 1,
            });
        }

        await using (var owner = new NpgsqlConnection(database))
        {
            await owner.OpenAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!await owner.ExecuteScalarAsync<bool>(
                       """
                       SELECT (SELECT count(*) FROM inbox_messages WHERE consumer = 'notifications-user-account-changed') >= @recipients
                              AND EXISTS (SELECT FROM contract_parties WHERE contract_id = @contract)
                       """,
                       new { recipients, contract }))
            {
                if (DateTime.UtcNow > deadline)
                {
                    Console.Error.WriteLine("The people and the contract did not reach the service within a minute:\n" + service.Transcript());
                    return 1;
                }

                await Task.Delay(100);
            }
        }

        var committedAt = new ConcurrentDictionary<string, long>();
        var index = 0;
        InvoicePaid Next() => new()
        {
            TenantId = tenant, ContractId = contract, InvoiceId = Guid.CreateVersion7(), Number = $"B{Interlocked.Increment(ref index):D7}",
            PaidOn = DateOnly.FromDateTime(DateTime.UtcNow), TotalWithVat = 1_200m,
        };

        async Task CommitAsync(InvoicePaid paid)
        {
            await PublishAsync(publisher, paid);
            committedAt[paid.Number] = Stopwatch.GetTimestamp();
        }

        // Warm-up: JIT, connection pools, the SMTP connections.
        for (var i = 0; i < 20; i++)
        {
            await CommitAsync(Next());
        }

        if (!await UntilAsync(() => mailbox.Received.Count >= 20 * recipients, TimeSpan.FromSeconds(60)))
        {
            Console.Error.WriteLine($"Warm-up: {mailbox.Received.Count} of {20 * recipients} e-mails arrived.\n" + service.Transcript());
            return 1;
        }

        // Paced: one event every 1/perSecond s.
        var before = mailbox.Received.Count;
        var clock = Stopwatch.StartNew();
        var paced = perSecond * seconds;
        for (var i = 0; i < paced; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            await CommitAsync(Next());
        }

        if (!await UntilAsync(() => mailbox.Received.Count >= before + paced * recipients, TimeSpan.FromSeconds(120)))
        {
            Console.Error.WriteLine($"Paced: {mailbox.Received.Count - before} of {paced * recipients} e-mails arrived within 2 minutes of the last event.");
            return 1;
        }

        var pacedLatencies = Latencies(mailbox.Received.Skip(before), committedAt);
        Console.WriteLine($"recipients per event: {recipients} (one notification and one e-mail each), 1 replica, {workers} e-mail workers");
        Console.WriteLine($"paced: {perSecond} events/s for {seconds} s = {paced * recipients / (double)seconds:F0} e-mails/s offered, {paced * recipients} e-mails");
        Console.WriteLine($"  event committed → in the mailbox: p50 {Percentile(pacedLatencies, 50):F0} ms, p99 {Percentile(pacedLatencies, 99):F0} ms, max {pacedLatencies[^1]:F0} ms");

        // Burst: as fast as four writers commit.
        before = mailbox.Received.Count;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < burst / 4; i++)
            {
                await CommitAsync(Next());
            }
        })));
        var committed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var expected = burst / 4 * 4 * recipients;
        if (!await UntilAsync(() => mailbox.Received.Count >= before + expected, TimeSpan.FromMinutes(5)))
        {
            Console.Error.WriteLine($"Burst: {mailbox.Received.Count - before} of {expected} e-mails arrived within 5 minutes.");
            return 1;
        }

        var received = mailbox.Received.Skip(before).ToList();
        var total = Stopwatch.GetElapsedTime(started, received.Max(mail => mail.ReceivedAt)).TotalSeconds;
        var burstLatencies = Latencies(received, committedAt);
        Console.WriteLine($"burst: {burst / 4 * 4} events committed in {committed:F1} s ({burst / 4 * 4 / committed:F0} events/s)");
        Console.WriteLine($"  delivered: {expected / total:F0} notifications and e-mails/s ({expected} in {total:F1} s from the first commit)");
        Console.WriteLine($"  event committed → in the mailbox: p50 {Percentile(burstLatencies, 50):F0} ms, p99 {Percentile(burstLatencies, 99):F0} ms (backlog)");
        return 0;
    }

    /// <summary>From each e-mail's event (named by the invoice number in its subject) to its arrival, sorted.</summary>
    private static double[] Latencies(IEnumerable<ReceivedMail> mails, ConcurrentDictionary<string, long> committedAt) =>
    [
        .. mails.Select(mail => Stopwatch.GetElapsedTime(committedAt[InvoiceNumber().Match(mail.Subject).Value], mail.ReceivedAt).TotalMilliseconds).Order(),
    ];

    [GeneratedRegex("B[0-9]{7}")]
    private static partial Regex InvoiceNumber();

    private static double Percentile(double[] sorted, int percent) => sorted[Math.Min(sorted.Length - 1, sorted.Length * percent / 100)];

    private static async Task PublishAsync(TestService publisher, IntegrationEvent @event)
    {
        await using var unitOfWork = await publisher.Database.BeginAsync(@event.TenantId, CancellationToken.None);
        await unitOfWork.AddEventAsync(@event);
        await unitOfWork.CommitAsync();
    }

    /// <summary>Waits until the built service at <paramref name="url"/> answers its health check.</summary>
    internal static async Task UntilHealthyAsync(string url, ProgramRun service, string name)
    {
        using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline || service.HasExited)
            {
                throw new InvalidOperationException($"The {name} service did not become healthy:\n" + service.Transcript());
            }

            await Task.Delay(250);
        }
    }

    private static async Task<bool> UntilAsync(Func<bool> done, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!done())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
