extern alias notifications;

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Infogerance.Data;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Incidents;
using Infogerance.IntegrationEvents;
using Infogerance.Mail;
using Infogerance.ServiceDefaults;
using Infogerance.TestSupport;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using EmailDelivery = notifications::Infogerance.Notifications.EmailDelivery;
using EmailSignal = notifications::Infogerance.Notifications.EmailSignal;
using ScorecardPdfs = notifications::Infogerance.Notifications.ScorecardPdfs;
using NotificationsSettings = notifications::Infogerance.Notifications.NotificationsSettings;

namespace Infogerance.EndToEnd.Tests.Notifications;

/// <summary>
/// Notifications by e-mail, with every service running and a real SMTP server of the test's standing in for the mail
/// provider: what reaches whose mailbox, in their language, once, at once or in the daily digest, and after the mail
/// server refused for a while.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class NotificationMailTests(InfogeranceSystem system)
{
    private const string AcmeAdmin = "admin@acme.example";
    private const string AntaresAdmin = "manager@antares.example";

    private SmtpMailbox Mailbox => system.Mailbox;

    [Fact]
    public async Task An_sla_breach_raised_by_incidents_reaches_the_assignees_bell_and_mailbox_in_french()
    {
        using var requester = await Person.JoinAsync(system, AcmeAdmin, Roles.Requester, "Rémi Courriel");
        using var agent = await Person.JoinAsync(system, AntaresAdmin, Roles.AgentL1, "Léo Courriel");
        await agent.SpeakAsync(system, "fr");
        // Every clock runs a minute, night and day: the resolution breaches a minute after the ticket is taken.
        var contractId = await TicketContracts.SignAsync(system,
            terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(1, "minutes"), new SlaDuration(1, "minutes")));
        var opened = await requester.Client.PostAsJsonAsync("/api/incidents/tickets",
            new { contractId, kind = "incident", title = "Plus d'imprimante", impact = "high", urgency = "high" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var ticket = await opened.Content.ReadFromJsonAsync<JsonElement>();
        var ticketId = ticket.GetProperty("id").GetGuid();
        var number = ticket.GetProperty("number").GetInt64().ToString(CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.OK, (await agent.Client.PostAsJsonAsync($"/api/incidents/tickets/{ticketId}/assignment", new { toMe = true })).StatusCode);

        var breach = await agent.WaitForAsync(contractId, "slaBreached", n => n.GetProperty("subject").GetProperty("id").GetGuid() == ticketId, TimeSpan.FromSeconds(120));
        var reference = breach.GetProperty("contractReference").GetString();
        var mail = Assert.Single(await Mailbox.WaitForAsync(agent.Email, m => m.Subject.Contains("SLA dépassé", StringComparison.Ordinal)));
        Assert.Equal($"[{reference}] SLA dépassé : ticket {number}", mail.Subject);
        Assert.StartsWith("Bonjour Léo Courriel,", mail.Text);
        Assert.Contains($"Le délai de résolution du ticket {number} (P1) sur le contrat {reference} a expiré le ", mail.Text);
        Assert.Contains($"Voir dans Infogérance : {system.GatewayUrl}/tickets/{ticketId}", mail.Text);
        Assert.Contains($"<a href=\"{system.GatewayUrl}/tickets/{ticketId}\">Voir dans Infogérance :</a>", mail.Html);
        Assert.Contains("<html lang=\"fr\">", mail.Html);
        Assert.Matches("^notification\\.[0-9a-f-]{36}@infogerance\\.example$", mail.MessageId);
        // Its warnings came the same way, each once; the requester, who is not told of SLA news, got nothing.
        Assert.Single(Mailbox.For(agent.Email), m => m.Subject.Contains("% du délai de résolution écoulé", StringComparison.Ordinal) && m.Subject.Contains(" 75 %", StringComparison.Ordinal));
        Assert.Empty(Mailbox.For(requester.Email));
    }

    [Fact]
    public async Task A_digest_gathers_a_days_notifications_in_one_email_at_its_hour_and_only_once()
    {
        using var account = await Person.JoinAsync(system, AntaresAdmin, Roles.AccountManager, "Aline Récapitulatif");
        using var colleague = await Person.JoinAsync(system, AntaresAdmin, Roles.AccountManager, "Paul Immédiat");
        await account.SpeakAsync(system, "en");
        var chosen = await PutPreferencesAsync(account, new { delivery = new { invoices = "digest" } }, HttpStatusCode.OK);
        Assert.Equal("digest", chosen.GetProperty("delivery").GetProperty("invoices").GetString());
        var contractId = await OpenContractAsync();

        var first = Paid(contractId, $"DIG-{Guid.NewGuid():N}"[..12]);
        var second = Paid(contractId, $"DIG-{Guid.NewGuid():N}"[..12]);
        await PublishAsync(first);
        await PublishAsync(second);
        // The colleague, who kept the default, is e-mailed each at once; the account manager who chose the digest, not yet.
        await Mailbox.WaitForAsync(colleague.Email, m => m.Subject.Contains(second.Number, StringComparison.Ordinal));
        await Mailbox.WaitForAsync(colleague.Email, m => m.Subject.Contains(first.Number, StringComparison.Ordinal));
        await account.WaitForAsync(contractId, "invoicePaid", n => n.GetProperty("subject").GetProperty("label").GetString() == second.Number);
        Assert.Empty(Mailbox.For(account.Email));

        var digestAt = Assert.Single(await QueryAsync<DateTimeOffset>(account.OrganisationId,
            "SELECT DISTINCT digest_at FROM notifications WHERE recipient_id = @id AND contract_id = @contractId", new { id = account.Id, contractId }));
        Assert.True(digestAt > DateTimeOffset.UtcNow && digestAt <= DateTimeOffset.UtcNow.AddDays(1), $"the next digest, not {digestAt}");

        // The digest pass, run as the clock strikes: not before its hour, then once, however often it runs and by two replicas at once.
        await DigestPass(digestAt.AddMinutes(-1)).RunOnceAsync(CancellationToken.None);
        Assert.Empty(Mailbox.For(account.Email));
        await Task.WhenAll(DigestPass(digestAt.AddMinutes(1)).RunOnceAsync(CancellationToken.None), DigestPass(digestAt.AddMinutes(1)).RunOnceAsync(CancellationToken.None));
        await DigestPass(digestAt.AddMinutes(2)).RunOnceAsync(CancellationToken.None);
        var digest = Assert.Single(await Mailbox.WaitForAsync(account.Email));
        Assert.Equal("Infogérance — your daily digest: 2 notifications", digest.Subject);
        Assert.StartsWith("Hello Aline Récapitulatif,", digest.Text);
        Assert.True(digest.Text.IndexOf(first.Number, StringComparison.Ordinal) < digest.Text.IndexOf(second.Number, StringComparison.Ordinal), digest.Text);
        Assert.Contains($"{system.GatewayUrl}/invoices/{first.InvoiceId}", digest.Text);
        Assert.Contains($"<a href=\"{system.GatewayUrl}/invoices/{second.InvoiceId}\">", digest.Html);
        Assert.Matches("^digest\\.[0-9a-f-]{36}@infogerance\\.example$", digest.MessageId);
        await Task.Delay(500);
        Assert.Single(Mailbox.For(account.Email));
    }

    [Fact]
    public async Task A_duplicate_event_sends_nothing_twice_and_a_restarted_sender_nothing_already_sent()
    {
        using var account = await Person.JoinAsync(system, AntaresAdmin, Roles.AccountManager, "Aline Unique");
        var contractId = await OpenContractAsync();
        var paid = Paid(contractId, $"DUP-{Guid.NewGuid():N}"[..12]);
        await PublishAsync(paid);
        var mail = Assert.Single(await Mailbox.WaitForAsync(account.Email, m => m.Subject.Contains(paid.Number, StringComparison.Ordinal)));

        // The same event delivered again (as a broker redelivers), then a later one as a marker: the marker arrives, the repeat does not.
        var bus = system.ContractsPublisher.Services.GetRequiredService<IBus>();
        await bus.Publish(paid);
        var marker = Paid(contractId, $"MRK-{Guid.NewGuid():N}"[..12]);
        await bus.Publish(marker);
        await Mailbox.WaitForAsync(account.Email, m => m.Subject.Contains(marker.Number, StringComparison.Ordinal));
        Assert.Single(Mailbox.For(account.Email), m => m.Subject.Contains(paid.Number, StringComparison.Ordinal));

        // A sender starting afresh (a restart, another replica) finds nothing to send again: what is marked sent stays sent.
        // The sender marks a row sent once the server took the mail, a moment after the mailbox shows it.
        await UntilAsync(account.OrganisationId, "SELECT coalesce(bool_and(status = 'sent'), false) FROM email_deliveries WHERE recipient_id = @id",
            new { id = account.Id }, "both e-mails are marked sent");
        var rows = await QueryAsync<(Guid DeliveryId, string Status, int Attempts)>(account.OrganisationId,
            "SELECT delivery_id, status, attempts FROM email_deliveries WHERE recipient_id = @id", new { id = account.Id });
        Assert.All(rows, row => Assert.Equal(("sent", 1), (row.Status, row.Attempts)));
        Assert.Contains(rows, row => mail.MessageId == $"notification.{row.DeliveryId}@infogerance.example");
        await DigestPass(DateTimeOffset.UtcNow).RunOnceAsync(CancellationToken.None);
        await Task.Delay(500);
        Assert.Equal(2, Mailbox.For(account.Email).Count);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_and_delivered_later_without_holding_back_the_others_and_given_up_after_the_last_attempt()
    {
        using var account = await Person.JoinAsync(system, AntaresAdmin, Roles.AccountManager, "Aline Patiente");
        using var colleague = await Person.JoinAsync(system, AntaresAdmin, Roles.AccountManager, "Paul Abandonné");
        var contractId = await OpenContractAsync();
        var paid = Paid(contractId, $"RTY-{Guid.NewGuid():N}"[..12]);
        await Mailbox.StopAsync();
        try
        {
            await PublishAsync(paid);
            // Refused, recorded and rescheduled, each person's e-mail on its own row.
            await UntilAsync(account.OrganisationId,
                "SELECT count(*) = 2 FROM email_deliveries WHERE recipient_id = ANY(@people) AND status = 'pending' AND attempts >= 1 AND last_error IS NOT NULL",
                new { people = new[] { account.Id, colleague.Id } }, "both e-mails failed a first attempt");
            // The colleague's is at its last attempt: it is given up, the other still waits its turn.
            await ExecuteAsync(colleague.OrganisationId, "UPDATE email_deliveries SET attempts = 7 WHERE recipient_id = @id", new { id = colleague.Id });
            await UntilAsync(colleague.OrganisationId,
                "SELECT EXISTS (SELECT FROM email_deliveries WHERE recipient_id = @id AND status = 'failed' AND attempts = 8)",
                new { id = colleague.Id }, "the colleague's e-mail was given up after 8 attempts");
        }
        finally
        {
            Mailbox.Resume();
        }

        var mail = Assert.Single(await Mailbox.WaitForAsync(account.Email, m => m.Subject.Contains(paid.Number, StringComparison.Ordinal)));
        Assert.Contains(paid.Number, mail.Text);
        // The sender marks the row sent once the server took the mail, a moment after the mailbox shows it.
        await UntilAsync(account.OrganisationId, "SELECT EXISTS (SELECT FROM email_deliveries WHERE recipient_id = @id AND status <> 'pending')",
            new { id = account.Id }, "the e-mail's delivery is settled");
        var (status, attempts, error) = Assert.Single(await QueryAsync<(string, int, string?)>(account.OrganisationId,
            "SELECT status, attempts, last_error FROM email_deliveries WHERE recipient_id = @id", new { id = account.Id }));
        Assert.Equal("sent", status);
        Assert.True(attempts >= 2, $"{attempts} attempts");
        Assert.Null(error);
        Assert.Empty(Mailbox.For(colleague.Email));
        Assert.Contains("SocketException", Assert.Single(await QueryAsync<string>(colleague.OrganisationId,
            "SELECT last_error FROM email_deliveries WHERE recipient_id = @id", new { id = colleague.Id })));
    }

    [Fact]
    public async Task Preferences_are_each_persons_own_and_a_wrong_one_is_named_in_the_callers_language()
    {
        using var account = await Person.JoinAsync(system, AntaresAdmin, Roles.AccountManager, "Aline Préférences");
        using var manager = await Person.JoinAsync(system, AcmeAdmin, Roles.ContractManager, "Camille Préférences");

        var defaults = await account.Client.GetFromJsonAsync<JsonElement>("/api/notifications/preferences");
        Assert.Equal(
            [("checklists", "digest"), ("contracts", "digest"), ("evolutions", "app"), ("invoices", "immediate"), ("reviews", "immediate"),
                ("scorecards", "app"), ("sla", "immediate"), ("tickets", "app")],
            defaults.GetProperty("delivery").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)).Order());
        Assert.Equal(["slaWarning", "slaBreached"], defaults.GetProperty("topics")[0].GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal((7, "Europe/Paris", true),
            (defaults.GetProperty("digestHour").GetInt32(), defaults.GetProperty("timeZone").GetString(), defaults.GetProperty("emailEnabled").GetBoolean()));

        var changed = await PutPreferencesAsync(account, new { delivery = new { sla = "digest", tickets = "immediate" } }, HttpStatusCode.OK);
        Assert.Equal(("digest", "immediate", "immediate"), (Delivery(changed, "sla"), Delivery(changed, "tickets"), Delivery(changed, "invoices")));
        changed = await PutPreferencesAsync(account, new { delivery = new { invoices = "app" } }, HttpStatusCode.OK);
        Assert.Equal(("digest", "app"), (Delivery(changed, "sla"), Delivery(changed, "invoices")));
        // Another person, in another organisation or the same, keeps their own.
        Assert.Equal("immediate", Delivery(await manager.Client.GetFromJsonAsync<JsonElement>("/api/notifications/preferences"), "sla"));
        using var sameOrganisation = await Person.JoinAsync(system, AntaresAdmin, Roles.AccountManager, "Paul Préférences");
        Assert.Equal("immediate", Delivery(await sameOrganisation.Client.GetFromJsonAsync<JsonElement>("/api/notifications/preferences"), "sla"));

        var english = await PutPreferencesAsync(account, new { delivery = new Dictionary<string, string?> { ["sla"] = "weekly", ["gossip"] = "app" } },
            HttpStatusCode.UnprocessableEntity, "en");
        var french = await PutPreferencesAsync(account, new { delivery = new { sla = "weekly" } }, HttpStatusCode.UnprocessableEntity, "fr-FR");
        Assert.Equal(["delivery.gossip", "delivery.sla"], english.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("notifications.preferences.delivery.unknown", english.GetProperty("errorCodes").GetProperty("delivery.sla")[0].GetProperty("code").GetString());
        Assert.Equal("La réception est l’une de : app, immediate, digest.", french.GetProperty("errors").GetProperty("delivery.sla")[0].GetString());
        var missing = await PutPreferencesAsync(account, new { }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["delivery"], missing.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        using (var notJson = await account.Client.PutAsync("/api/notifications/preferences", new StringContent("{\"delivery\": [1]}", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        }

        // Nothing was written by the refused changes.
        Assert.Equal("digest", Delivery(await account.Client.GetFromJsonAsync<JsonElement>("/api/notifications/preferences"), "sla"));

        // A person's transaction reads and changes only their own rows, whatever the SQL says.
        var database = system.Services["notifications"].GetRequiredService<Database>();
        var user = new CurrentUser(sameOrganisation.Id, "Paul", DemoWorld.Antares, OrganisationKind.Provider, [Roles.AccountManager], IsServiceAccount: false, SelectedTenantId: null);
        await using (var theirs = await database.BeginAsync(user, CancellationToken.None))
        {
            Assert.Equal(0, await theirs.ExecuteScalarAsync<long>("SELECT count(*) FROM notification_preferences WHERE person_id = @id", new { id = account.Id }));
            Assert.Equal(0, await theirs.ExecuteAsync("UPDATE notification_preferences SET delivery = 'app' WHERE person_id = @id", new { id = account.Id }));
        }
    }

    /// <summary>The e-mail workers as a pass of the service would run them, at <paramref name="now"/>.</summary>
    private EmailDelivery DigestPass(DateTimeOffset now)
    {
        var services = system.Services["notifications"];
        return new EmailDelivery(
            services.GetRequiredService<Database>(), services.GetRequiredService<MailSender>(), new FixedClock(now),
            services.GetRequiredService<IOptions<NotificationsSettings>>(), services.GetRequiredService<EmailSignal>(),
            services.GetRequiredService<ScorecardPdfs>(), NullLogger<EmailDelivery>.Instance);
    }

    /// <summary>A contract between Acme and Antares, known to the Notifications service (its parties only).</summary>
    private async Task<Guid> OpenContractAsync()
    {
        var contractId = Guid.CreateVersion7();
        await system.PublishContractPartiesAsync(DemoWorld.Acme, contractId, DemoWorld.Antares, isOpen: true, version: 1);
        await UntilAsync(DemoWorld.Acme, "SELECT EXISTS (SELECT FROM contract_parties WHERE contract_id = @contractId)", new { contractId },
            "the contract's parties reached the Notifications service");
        return contractId;
    }

    private static InvoicePaid Paid(Guid contractId, string number) => new()
    {
        TenantId = DemoWorld.Acme, ContractId = contractId, InvoiceId = Guid.CreateVersion7(), Number = number, PaidOn = DateOnly.FromDateTime(DateTime.UtcNow),
        TotalWithVat = 1_200m,
    };

    /// <summary>Publishes as another service would, through an outbox.</summary>
    private async Task PublishAsync(IntegrationEvent @event)
    {
        await using var unitOfWork = await system.ContractsPublisher.Database.BeginAsync(@event.TenantId, CancellationToken.None);
        await unitOfWork.AddEventAsync(@event);
        await unitOfWork.CommitAsync();
    }

    private static async Task<JsonElement> PutPreferencesAsync(Person person, object body, HttpStatusCode expected, string language = "en")
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/notifications/preferences") { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await person.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string? Delivery(JsonElement preferences, string topic) => preferences.GetProperty("delivery").GetProperty(topic).GetString();

    private async Task<IReadOnlyList<T>> QueryAsync<T>(Guid organisation, string sql, object parameters)
    {
        await using var unitOfWork = await system.Services["notifications"].GetRequiredService<Database>().BeginAsync(organisation, CancellationToken.None);
        return [.. await unitOfWork.QueryAsync<T>(sql, parameters)];
    }

    private async Task ExecuteAsync(Guid organisation, string sql, object parameters)
    {
        await using var unitOfWork = await system.Services["notifications"].GetRequiredService<Database>().BeginAsync(organisation, CancellationToken.None);
        await unitOfWork.ExecuteAsync(sql, parameters);
        await unitOfWork.CommitAsync();
    }

    private Task UntilAsync(Guid organisation, string sql, object parameters, string what) =>
        Eventually.UntilAsync(async () => (await QueryAsync<bool>(organisation, sql, parameters))[0], what);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
