extern alias identity;

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Infogerance.Data;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Contracts;
using Infogerance.EndToEnd.Tests.Incidents;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TokenSubject = identity::Infogerance.Identity.Tokens.TokenSubject;

namespace Infogerance.EndToEnd.Tests.Notifications;

/// <summary>
/// The notification center through the gateway, with every service running: real people invited into the demo
/// organisations, real invoices, tickets and amendments, and what reaches whom — never anyone who may not see it.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class NotificationCenterTests(InfogeranceSystem system)
{
    private const string AcmeAdmin = "admin@acme.example";
    private const string AntaresAdmin = "manager@antares.example";

    [Fact]
    public async Task An_invoice_reaches_the_clients_managers_alone_and_its_dispute_the_providers_account_managers_once()
    {
        using var manager = await Person.JoinAsync(system, AcmeAdmin, Roles.ContractManager, "Camille Gestion");
        using var requester = await Person.JoinAsync(system, AcmeAdmin, Roles.Requester, "Rémi Demande");
        using var account = await Person.JoinAsync(system, AntaresAdmin, Roles.AccountManager, "Aline Compte");
        using var otherTenant = await Person.JoinAsync(system, "admin@belvedere-sante.example", Roles.ContractManager, "Basile Ailleurs");
        using var otherProvider = await Person.JoinAsync(system, "manager@nordlys.example", Roles.AccountManager, "Nils Ailleurs");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var contractId = await TicketContracts.SignAsync(system, terms => terms with
        {
            StartDate = new DateOnly(today.Year, 1, 1), Prices = terms.Prices with { MonthlyFee = 10_000m }, Revision = null,
        });

        // The provider's account manager enters this month's invoice: the client's contract manager has one to approve.
        var number = $"NOT-{Guid.NewGuid():N}"[..16];
        var invoice = await EnterInvoiceAsync(account, contractId, number, new DateOnly(today.Year, today.Month, 1));
        var invoiceId = invoice.GetProperty("id").GetGuid();
        var toApprove = await manager.WaitForAsync(contractId, "invoiceControlled", n => SubjectId(n) == invoiceId);
        Assert.Equal(("invoice", number), (Text(toApprove.GetProperty("subject"), "type"), Text(toApprove.GetProperty("subject"), "label")));
        Assert.Equal(invoice.GetProperty("result").GetString(), Text(toApprove.GetProperty("data"), "result"));
        Assert.Equal(invoice.GetProperty("discrepancies").GetArrayLength() > 0, toApprove.GetProperty("data").GetProperty("hasDiscrepancies").GetBoolean());
        Assert.False(toApprove.GetProperty("read").GetBoolean());
        Assert.StartsWith("TKT-", Text(toApprove, "contractReference"));
        // Each event's recipients are written together: the others, had they been told, would be by now.
        foreach (var outsider in new[] { requester, account, otherTenant, otherProvider })
        {
            Assert.Empty(await outsider.NotificationsAsync(contractId));
        }

        // The client disputes it: the provider's account manager has a dispute to answer; the client is not told of its own act.
        using (var disputed = await manager.Client.PostAsJsonAsync($"/api/invoicing/invoices/{invoiceId}/dispute", new { message = "Il manque l'avoir des pénalités." }))
        {
            Assert.Equal(HttpStatusCode.OK, disputed.StatusCode);
        }

        var dispute = await account.WaitForAsync(contractId, "invoiceDisputed", n => SubjectId(n) == invoiceId);
        Assert.Equal(("Il manque l'avoir des pénalités.", "Camille Gestion"), (Text(dispute.GetProperty("data"), "message"), Text(dispute.GetProperty("data"), "disputedBy")));
        Assert.DoesNotContain(await manager.NotificationsAsync(contractId), n => Text(n, "kind") == "invoiceDisputed");
        Assert.Empty(await otherProvider.NotificationsAsync(contractId));

        // The same event delivered again (as a broker redelivers) adds nothing; a later one still arrives.
        var published = Assert.Single(await system.Events.WaitForAsync<InvoiceDisputed>(e => e.InvoiceId == invoiceId));
        var bus = system.ContractsPublisher.Services.GetRequiredService<IBus>();
        await bus.Publish(published);
        await bus.Publish(published with { EventId = Guid.CreateVersion7(), InvoiceId = Guid.CreateVersion7(), Number = "MARKER" });
        await account.WaitForAsync(contractId, "invoiceDisputed", n => Text(n.GetProperty("subject"), "label") == "MARKER");
        Assert.Single(await account.NotificationsAsync(contractId), n => SubjectId(n) == invoiceId);

        // Read one: the count drops, the list says when; reading it again changes nothing; it is nobody else's to read.
        var unread = await account.UnreadCountAsync();
        var disputeId = dispute.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await account.Client.PostAsync($"/api/notifications/{disputeId}/read", null)).StatusCode);
        var firstReading = Single(await account.NotificationsAsync(contractId), disputeId).GetProperty("readAt").GetDateTimeOffset();
        Assert.Equal(HttpStatusCode.NoContent, (await account.Client.PostAsync($"/api/notifications/{disputeId}/read", null)).StatusCode);
        var read = Single(await account.NotificationsAsync(contractId), disputeId);
        Assert.True(read.GetProperty("read").GetBoolean());
        Assert.Equal(firstReading, read.GetProperty("readAt").GetDateTimeOffset());
        Assert.Equal(unread - 1, await account.UnreadCountAsync());
        Assert.DoesNotContain(await account.NotificationsAsync(contractId, "&unread=true"), n => n.GetProperty("id").GetGuid() == disputeId);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.Client.PostAsync($"/api/notifications/{disputeId}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherProvider.Client.PostAsync($"/api/notifications/{disputeId}/read", null)).StatusCode);

        // Read all: every unread one of the caller, and only theirs.
        var managerUnread = await manager.UnreadCountAsync();
        Assert.True(managerUnread >= 1);
        var readAll = await manager.Client.PostAsync("/api/notifications/read-all", null);
        Assert.Equal(managerUnread, (await readAll.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32());
        Assert.Equal(0, await manager.UnreadCountAsync());
        Assert.Empty(await manager.NotificationsAsync(contractId, "&unread=true"));
        Assert.Equal(unread - 1, await account.UnreadCountAsync());
    }

    [Fact]
    public async Task An_sla_breach_reaches_the_assignee_the_desk_and_for_a_p1_the_clients_managers_and_the_requester_what_is_theirs()
    {
        using var requester = await Person.JoinAsync(system, AcmeAdmin, Roles.Requester, "Rémi Ticket");
        using var manager = await Person.JoinAsync(system, AcmeAdmin, Roles.ContractManager, "Camille Ticket");
        using var agent = await Person.JoinAsync(system, AntaresAdmin, Roles.AgentL1, "Léo Niveau1");
        using var level2 = await Person.JoinAsync(system, AntaresAdmin, Roles.AgentL2, "Inès Niveau2");
        // Every clock runs a minute, night and day: the resolution breaches a minute after the ticket is taken.
        var contractId = await TicketContracts.SignAsync(system,
            terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(1, "minutes"), new SlaDuration(1, "minutes")));

        var opened = await requester.Client.PostAsJsonAsync("/api/incidents/tickets",
            new { contractId, kind = "incident", title = "Plus de messagerie", impact = "high", urgency = "high" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var ticket = await opened.Content.ReadFromJsonAsync<JsonElement>();
        var ticketId = ticket.GetProperty("id").GetGuid();
        var number = ticket.GetProperty("number").GetInt64().ToString(CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.OK, (await agent.Client.PostAsJsonAsync($"/api/incidents/tickets/{ticketId}/assignment", new { toMe = true })).StatusCode);

        var timeout = TimeSpan.FromSeconds(120);
        var breach = await agent.WaitForAsync(contractId, "slaBreached", n => SubjectId(n) == ticketId, timeout);
        Assert.Equal(("ticket", number), (Text(breach.GetProperty("subject"), "type"), Text(breach.GetProperty("subject"), "label")));
        Assert.Equal(("resolve", "P1"), (Text(breach.GetProperty("data"), "clock"), Text(breach.GetProperty("data"), "priority")));
        await agent.WaitForAsync(contractId, "slaWarning", n => SubjectId(n) == ticketId);
        await level2.WaitForAsync(contractId, "slaBreached", n => SubjectId(n) == ticketId);
        await manager.WaitForAsync(contractId, "slaBreached", n => SubjectId(n) == ticketId);
        Assert.Empty(await requester.NotificationsAsync(contractId));

        // The desk waits on the client, then resolves: the requester is told each time; the agent, who did it, is not.
        Assert.Equal(HttpStatusCode.OK, (await agent.Client.PostAsJsonAsync($"/api/incidents/tickets/{ticketId}/status",
            new { status = "pendingClient", pendingSide = "client", reason = "Quel poste est concerné ?" })).StatusCode);
        await requester.WaitForAsync(contractId, "ticketPendingClient", n => SubjectId(n) == ticketId);
        Assert.Equal(HttpStatusCode.OK, (await agent.Client.PostAsJsonAsync($"/api/incidents/tickets/{ticketId}/status",
            new { status = "resolved", resolution = "Boîte réparée." })).StatusCode);
        var toRate = await requester.WaitForAsync(contractId, "ticketResolved", n => SubjectId(n) == ticketId);
        Assert.Equal(number, Text(toRate.GetProperty("subject"), "label"));
        Assert.DoesNotContain(await agent.NotificationsAsync(contractId), n => Text(n, "kind") is "ticketPendingClient" or "ticketResolved");
        Assert.DoesNotContain(await manager.NotificationsAsync(contractId), n => Text(n, "kind") is "ticketPendingClient" or "ticketResolved");
    }

    [Fact]
    public async Task An_amendment_proposed_by_the_client_reaches_the_providers_account_managers_and_not_its_proposer()
    {
        using var manager = await Person.JoinAsync(system, AcmeAdmin, Roles.ContractManager, "Camille Avenant");
        using var account = await Person.JoinAsync(system, AntaresAdmin, Roles.AccountManager, "Aline Avenant");
        using var agent = await Person.JoinAsync(system, AntaresAdmin, Roles.AgentL2, "Léo Avenant");
        var contractId = await TicketContracts.SignAsync(system, terms => terms);

        var amendment = await manager.Client.PostAsJsonAsync($"/api/contracts/{contractId}/amendments",
            new { effectiveFrom = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), reason = "Un second site" });
        Assert.Equal(HttpStatusCode.Created, amendment.StatusCode);
        var version = (await amendment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await manager.Client.PostAsync($"/api/contracts/{contractId}/versions/{version}/propose", null)).StatusCode);

        var proposed = Assert.Single(await system.Events.WaitForAsync<AmendmentProposed>(e => e.ContractId == contractId));
        Assert.Equal((version, "client", "Camille Avenant", manager.Id), (proposed.VersionNumber, proposed.ProposingSide, proposed.ProposedBy, proposed.ProposedById));
        var told = await account.WaitForAsync(contractId, "amendmentProposed");
        Assert.Equal(("version", version.ToString(CultureInfo.InvariantCulture)), (Text(told.GetProperty("subject"), "type"), Text(told.GetProperty("subject"), "label")));
        Assert.Equal((version, "Camille Avenant"), (told.GetProperty("data").GetProperty("version").GetInt32(), Text(told.GetProperty("data"), "proposedBy")));
        Assert.Empty(await manager.NotificationsAsync(contractId));
        Assert.Empty(await agent.NotificationsAsync(contractId));
    }

    [Fact]
    public async Task A_review_prepared_by_the_client_reaches_the_providers_account_managers_and_its_approval_asks_them_to_approve()
    {
        using var manager = await Person.JoinAsync(system, AcmeAdmin, Roles.ContractManager, "Camille Revue");
        using var account = await Person.JoinAsync(system, AntaresAdmin, Roles.AccountManager, "Aline Revue");
        using var agent = await Person.JoinAsync(system, AntaresAdmin, Roles.AgentL2, "Léo Revue");
        // Last month in Paris, the contract's zone: a period that has begun, in a contract running since the month before.
        var nowParis = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        var month = new DateTime(nowParis.Year, nowParis.Month, 1).AddMonths(-1);
        var period = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var contractId = await TicketContracts.SignAsync(system, terms => terms with { StartDate = DateOnly.FromDateTime(month.AddMonths(-1)), Revision = null });
        var reviews = $"/api/reporting/contracts/{contractId}/reviews";

        var prepared = await PrepareReviewAsync(manager, reviews, period);
        var reviewId = prepared.GetProperty("header").GetProperty("id").GetGuid();
        var told = await account.WaitForAsync(contractId, "reviewPrepared");
        Assert.Equal(("review", reviewId, period), (Text(told.GetProperty("subject"), "type"), SubjectId(told), Text(told.GetProperty("subject"), "label")));
        Assert.Equal(("Camille Revue", "client"), (Text(told.GetProperty("data"), "preparedBy"), Text(told.GetProperty("data"), "preparingSide")));

        // The client approves first: the provider's account managers are asked to approve in turn.
        var approved = await manager.Client.PostAsJsonAsync($"{reviews}/{reviewId}/approve",
            new { version = prepared.GetProperty("header").GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var asked = await account.WaitForAsync(contractId, "reviewAwaitingApproval");
        Assert.Equal(reviewId, SubjectId(asked));
        Assert.Equal(("Camille Revue", "provider"), (Text(asked.GetProperty("data"), "approvedBy"), Text(asked.GetProperty("data"), "awaitingSide")));

        // Neither the person who acted nor the provider's desk is told.
        Assert.Empty(await manager.NotificationsAsync(contractId));
        Assert.Empty(await agent.NotificationsAsync(contractId));
    }

    [Fact]
    public async Task Only_people_have_a_notification_center_and_bad_filters_are_named_in_the_callers_language()
    {
        using (var operatorClient = system.CreateBrowserLikeClient(out _))
        {
            Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsJsonAsync("/bff/login", new { email = "operator@infogerance.example", password = DemoWorld.Password })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.GetAsync("/api/notifications/")).StatusCode);
        }

        var robot = await system.IssueTokenAsync(
            new TokenSubject(Guid.NewGuid(), "Robot", null, DemoWorld.Acme, OrganisationKind.Client, [Roles.ContractManager], null, IsServiceAccount: true));
        using (var machine = system.DirectClients["notifications"]())
        {
            machine.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", robot.Token);
            Assert.Equal(HttpStatusCode.Forbidden, (await machine.GetAsync("/")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await machine.PostAsync("/read-all", null)).StatusCode);
        }

        using var reader = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Auditor, "Aurore Lecture", "notifications");
        Assert.Equal(0, (await reader.GetAsync("/")).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await reader.GetAsync("/unread-count")).GetProperty("count").GetInt32());
        await reader.PostAsync($"/{Guid.CreateVersion7()}/read", expected: HttpStatusCode.NotFound);
        await reader.GetAsync("/?unread=maybe", HttpStatusCode.BadRequest);

        var english = await GetInAsync(reader, "/?limit=0&before=nope&kind=bogus", "en");
        var french = await GetInAsync(reader, "/?limit=0&before=nope&kind=bogus", "fr-FR");
        Assert.Equal(["before", "kind", "limit"], english.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("notifications.kind.unknown", english.GetProperty("errorCodes").GetProperty("kind")[0].GetProperty("code").GetString());
        Assert.NotEqual(english.GetProperty("errors").GetProperty("kind")[0].GetString(), french.GetProperty("errors").GetProperty("kind")[0].GetString());
        Assert.Equal(0, (await reader.GetAsync("/?kind=slaBreached&unread=true&limit=200")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_persons_transaction_reads_and_changes_only_their_own_rows_whatever_the_sql_says()
    {
        var database = system.Services["notifications"].GetRequiredService<Database>();
        var me = Guid.CreateVersion7();
        var colleague = Guid.CreateVersion7();
        var contractId = Guid.CreateVersion7();
        // As the consumers do: the system's transaction writes the rows of everyone in its tenants.
        await using (var consumer = await database.BeginAsync(DemoWorld.Acme, CancellationToken.None))
        {
            foreach (var recipient in new[] { me, colleague })
            {
                await InsertAsync(consumer, DemoWorld.Acme, recipient, contractId);
            }

            await consumer.CommitAsync();
        }

        var user = new CurrentUser(me, "Moi", DemoWorld.Acme, OrganisationKind.Client, [Roles.ContractManager], IsServiceAccount: false, SelectedTenantId: null);
        await using (var mine = await database.BeginAsync(user, CancellationToken.None))
        {
            Assert.Equal([me], await mine.QueryAsync<Guid>("SELECT recipient_id FROM notifications WHERE contract_id = @contractId", new { contractId }));
            Assert.Equal(0, await mine.ExecuteAsync("UPDATE notifications SET read_at = now() WHERE recipient_id = @colleague", new { colleague }));
            Assert.Equal(0, await mine.ExecuteAsync("DELETE FROM notifications WHERE recipient_id = @colleague", new { colleague }));
        }

        await using (var mine = await database.BeginAsync(user, CancellationToken.None))
        {
            var planted = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(mine, DemoWorld.Acme, colleague, contractId));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, planted.SqlState);
        }

        // A provider's person never sees the client's rows, even their own were they filed there.
        var provider = user with { Id = colleague, OrganisationId = DemoWorld.Antares, OrganisationKind = OrganisationKind.Provider, Roles = [Roles.AccountManager] };
        await using (var theirs = await database.BeginAsync(provider, CancellationToken.None))
        {
            Assert.Equal(0, await theirs.ExecuteScalarAsync<long>("SELECT count(*) FROM notifications WHERE contract_id = @contractId", new { contractId }));
        }
    }

    [Fact]
    public async Task A_late_account_event_changes_nothing_a_deactivated_person_and_a_closed_contracts_provider_are_told_nothing()
    {
        var active = Guid.CreateVersion7();
        var gone = Guid.CreateVersion7();
        var contractId = Guid.CreateVersion7();
        // The deactivation overtakes an older change of the account, which arrives late.
        UserAccountChanged[] accounts =
            [Account(active, version: 1, "active"), Account(gone, version: 2, "active"), Account(gone, version: 4, "deactivated"), Account(gone, version: 3, "active")];
        foreach (var account in accounts)
        {
            await PublishAsync(DemoWorld.Antares, account);
        }

        foreach (var account in accounts)
        {
            await UntilHandledAsync(account.EventId);
        }

        Assert.Equal(("deactivated", 4L), await AccountAsync(DemoWorld.Antares, gone));
        Assert.Equal(("active", 1L), await AccountAsync(DemoWorld.Antares, active));

        await system.PublishContractPartiesAsync(DemoWorld.Acme, contractId, DemoWorld.Antares, isOpen: true, version: 1);
        var paid = Paid(contractId, "PAID-1");
        await PublishAsync(DemoWorld.Acme, paid);
        await UntilHandledAsync(paid.EventId);
        var told = await RecipientsAsync(DemoWorld.Antares, paid.InvoiceId);
        Assert.Contains(active, told);
        Assert.DoesNotContain(gone, told);

        // Closed, the contract is no longer its provider's to see: a later payment tells nobody there.
        await system.PublishContractPartiesAsync(DemoWorld.Acme, contractId, DemoWorld.Antares, isOpen: false, version: 2);
        var database = system.Services["notifications"].GetRequiredService<Database>();
        await Eventually.UntilAsync(async () =>
        {
            await using var unitOfWork = await database.BeginAsync(DemoWorld.Acme, CancellationToken.None);
            return !await unitOfWork.ExecuteScalarAsync<bool>("SELECT is_open FROM contract_parties WHERE contract_id = @contractId", new { contractId });
        }, "the contract's closing reached the Notifications service");
        var afterClosing = Paid(contractId, "PAID-2");
        await PublishAsync(DemoWorld.Acme, afterClosing);
        await UntilHandledAsync(afterClosing.EventId);
        Assert.Empty(await RecipientsAsync(DemoWorld.Antares, afterClosing.InvoiceId));
    }

    [Fact]
    public async Task A_person_whose_account_arrives_after_an_event_is_told_of_it_if_they_held_their_role_by_then()
    {
        var contractId = Guid.CreateVersion7();
        await system.PublishContractPartiesAsync(DemoWorld.Acme, contractId, DemoWorld.Antares, isOpen: true, version: 1);
        var happened = DateTimeOffset.UtcNow;
        var alert = new NoticeDeadlineApproaching
        {
            TenantId = DemoWorld.Acme, ContractId = contractId, DaysBefore = 30, NoticeDeadline = new DateOnly(2027, 6, 30),
            PeriodEnd = new DateOnly(2027, 12, 31), OccurredAt = happened,
        };
        // An amendment for the client's managers to countersign, which one of them made: they are never told of it.
        var manager = Guid.CreateVersion7();
        var proposed = new AmendmentProposed
        {
            TenantId = DemoWorld.Acme, ContractId = contractId, VersionNumber = 2, ProposingSide = Sides.Provider, ProposedBy = "Camille Tardive",
            ProposedById = manager, EffectiveFrom = new DateOnly(2027, 7, 1), OccurredAt = happened,
        };
        foreach (var @event in new IntegrationEvent[] { alert, proposed })
        {
            await PublishAsync(DemoWorld.Acme, @event);
            await UntilHandledAsync(@event.EventId);
        }

        // Their accounts come after the events: a manager since before them, one who joined after, one who had left.
        var colleague = Guid.CreateVersion7();
        var newcomer = Guid.CreateVersion7();
        var gone = Guid.CreateVersion7();
        UserAccountChanged[] accounts =
        [
            ClientManager(manager, "active", happened.AddMinutes(-5)), ClientManager(colleague, "active", happened.AddMinutes(-5)),
            ClientManager(newcomer, "active", happened.AddMinutes(5)), ClientManager(gone, "deactivated", happened.AddMinutes(-5)),
        ];
        foreach (var account in accounts)
        {
            await PublishAsync(DemoWorld.Acme, account);
        }

        foreach (var account in accounts)
        {
            await UntilHandledAsync(account.EventId);
        }

        var toldOfTheDeadline = await RecipientsAsync(DemoWorld.Acme, contractId);
        Assert.Contains(manager, toldOfTheDeadline);
        Assert.Contains(colleague, toldOfTheDeadline);
        Assert.DoesNotContain(newcomer, toldOfTheDeadline);
        Assert.DoesNotContain(gone, toldOfTheDeadline);
        Assert.Equal([colleague], await RecipientsOfAsync(DemoWorld.Acme, proposed.EventId, [manager, colleague, newcomer, gone]));

        // A later version of an account that reached back before the event tells nobody twice.
        var renamed = ClientManager(colleague, "active", happened.AddMinutes(-4)) with { Version = 2, DisplayName = "Gestion bis" };
        await PublishAsync(DemoWorld.Acme, renamed);
        await UntilHandledAsync(renamed.EventId);
        Assert.Equal([colleague], await RecipientsOfAsync(DemoWorld.Acme, alert.EventId, [colleague]));
    }

    private static UserAccountChanged ClientManager(Guid id, string status, DateTimeOffset since) => new()
    {
        TenantId = DemoWorld.Acme, UserId = id, OrganisationKind = "client", Email = $"{id:N}@acme.example", DisplayName = "Gestion",
        Roles = [Roles.ContractManager], Status = status, Language = "fr", Version = 1, OccurredAt = since,
    };

    private static UserAccountChanged Account(Guid id, long version, string status) => new()
    {
        TenantId = DemoWorld.Antares, UserId = id, OrganisationKind = "provider", Email = $"{id:N}@antares.example", DisplayName = "Compte",
        Roles = [Roles.AccountManager], Status = status, Language = "fr", Version = version,
    };

    private static InvoicePaid Paid(Guid contractId, string number) => new()
    {
        TenantId = DemoWorld.Acme, ContractId = contractId, InvoiceId = Guid.CreateVersion7(), Number = number, PaidOn = new DateOnly(2027, 4, 15),
        TotalWithVat = 1_200m,
    };

    /// <summary>Publishes as another service would, through an outbox: one event at a time, in order.</summary>
    private async Task PublishAsync(Guid tenant, IntegrationEvent @event)
    {
        await using var unitOfWork = await system.ContractsPublisher.Database.BeginAsync(tenant, CancellationToken.None);
        await unitOfWork.AddEventAsync(@event);
        await unitOfWork.CommitAsync();
    }

    private async Task UntilHandledAsync(Guid eventId)
    {
        var database = system.Services["notifications"].GetRequiredService<Database>();
        await Eventually.UntilAsync(async () =>
        {
            await using var unitOfWork = await database.BeginAsync([], CancellationToken.None);
            return await unitOfWork.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT FROM inbox_messages WHERE message_id = @eventId)", new { eventId });
        }, $"the Notifications service handled event {eventId}");
    }

    private async Task<(string Status, long Version)> AccountAsync(Guid organisation, Guid id)
    {
        await using var unitOfWork = await system.Services["notifications"].GetRequiredService<Database>().BeginAsync(organisation, CancellationToken.None);
        return (await unitOfWork.QuerySingleOrDefaultAsync<(string, long)>("SELECT status, version FROM people WHERE user_id = @id", new { id }));
    }

    /// <summary>Who of the organisation was told about <paramref name="subjectId"/>.</summary>
    private async Task<IReadOnlyList<Guid>> RecipientsAsync(Guid organisation, Guid subjectId)
    {
        await using var unitOfWork = await system.Services["notifications"].GetRequiredService<Database>().BeginAsync(organisation, CancellationToken.None);
        return [.. await unitOfWork.QueryAsync<Guid>("SELECT recipient_id FROM notifications WHERE subject_id = @subjectId", new { subjectId })];
    }

    /// <summary>Who of <paramref name="among"/> in the organisation was told of the event, once each.</summary>
    private async Task<IReadOnlyList<Guid>> RecipientsOfAsync(Guid organisation, Guid eventId, Guid[] among)
    {
        await using var unitOfWork = await system.Services["notifications"].GetRequiredService<Database>().BeginAsync(organisation, CancellationToken.None);
        return [.. await unitOfWork.QueryAsync<Guid>(
            "SELECT recipient_id FROM notifications WHERE source_event_id = @eventId AND recipient_id = ANY(@among) ORDER BY recipient_id",
            new { eventId, among })];
    }

    private static Task InsertAsync(UnitOfWork unitOfWork, Guid tenant, Guid recipient, Guid contractId) =>
        unitOfWork.ExecuteAsync(
            """
            INSERT INTO notifications (tenant_id, recipient_id, notification_id, source_event_id, kind, client_tenant_id, contract_id, contract_reference,
                                       subject_type, subject_id, subject_label, data, created_at)
            VALUES (@tenant, @recipient, @id, @id, 'renewalDecided', @tenant, @contractId, 'RLS', 'contract', @contractId, '', '{}', now())
            """,
            new { tenant, recipient, id = Guid.CreateVersion7(), contractId });

    private async Task<JsonElement> EnterInvoiceAsync(Person account, Guid contractId, string number, DateOnly first)
    {
        // The invoicing service learns of the contract from its events: its invoices are refused until then.
        var (_, body) = await Eventually.UntilAsync(
            async () =>
            {
                using var response = await account.Client.PostAsJsonAsync($"/api/invoicing/contracts/{contractId}/invoices/form", new
                {
                    number, issueDate = DateOnly.FromDateTime(DateTime.UtcNow), kind = "invoice", periodStart = first, periodEnd = first.AddMonths(1).AddDays(-1),
                    lines = new[] { new { description = "Redevance mensuelle forfaitaire", kind = "monthlyFee", quantity = 1m, unitPrice = 10_000m, vatRate = 20m } },
                }, ContractParty.Json);
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            },
            answer => answer.StatusCode == HttpStatusCode.Created,
            answer => $"the invoice was refused: {(int)answer.StatusCode} {answer.Body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Prepares the review of <paramref name="period"/>, once the Reporting service knows the contract just signed.</summary>
    private static async Task<JsonElement> PrepareReviewAsync(Person manager, string reviews, string period)
    {
        var (_, body) = await Eventually.UntilAsync(
            async () =>
            {
                using var response = await manager.Client.PostAsJsonAsync(reviews, new { period });
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            },
            answer => answer.StatusCode == HttpStatusCode.Created,
            answer => $"the review was refused: {(int)answer.StatusCode} {answer.Body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> GetInAsync(ContractParty party, string path, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await party.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static JsonElement Single(IEnumerable<JsonElement> notifications, Guid id) =>
        Assert.Single(notifications, n => n.GetProperty("id").GetGuid() == id);

    private static Guid? SubjectId(JsonElement notification) =>
        notification.GetProperty("subject").TryGetProperty("id", out var id) ? id.GetGuid() : null;

    private static string? Text(JsonElement element, string property) => element.GetProperty(property).GetString();
}
