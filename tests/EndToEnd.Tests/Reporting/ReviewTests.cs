extern alias reporting;

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Contracts;
using Infogerance.EndToEnd.Tests.Incidents;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using UglyToad.PdfPig;

namespace Infogerance.EndToEnd.Tests.Reporting;

/// <summary>
/// The periodic review over real PostgreSQL and RabbitMQ: its frozen snapshot against a late event, both sides writing
/// and approving its minutes, the read-only closed review, the action plan carried over, its exports read back, and who
/// may see and change it.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ReviewTests(InfogeranceSystem system)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public async Task A_review_s_snapshot_stays_as_prepared_while_both_sides_write_approve_and_close_it()
    {
        // Last month in Paris: two P2 tickets whose resolution clocks completed, one met, one missed.
        var nowParis = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris);
        var month = new DateTime(nowParis.Year, nowParis.Month, 1).AddMonths(-1);
        var text = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var contractId = await TicketContracts.SignAsync(system, terms => TicketContracts.AlwaysOpen(terms, new SlaDuration(30, "minutes"), new SlaDuration(4, "hours")) with
        {
            StartDate = DateOnly.FromDateTime(month.AddMonths(-1)),
            Revision = null,
            Penalties = new PenaltyRules { SuccessRateTargets = [new SuccessRateTarget("P2", SlaClocks.Resolve, 90m, 1m, 10m)] },
        });
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "reporting");
        using var account = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AccountManager, "Antoine Garnier", "reporting");
        var scorecard = $"/contracts/{contractId}/scorecard?month={text}";
        await ScorecardTests.UntilTermsKnownAsync(manager, scorecard);

        var first = Guid.CreateVersion7();
        var second = Guid.CreateVersion7();
        await PublishAsync(
            Opened(contractId, first, 1, At(month, 4, 10)), Completed(contractId, first, met: true, At(month, 4, 12)),
            Opened(contractId, second, 2, At(month, 8, 10)), Completed(contractId, second, met: false, At(month, 9, 18)));
        await manager.UntilAsync(scorecard, s => Resolve(s).GetProperty("completed").GetInt32() == 2);

        // The client's manager prepares the month's review: its scorecard is frozen.
        var reviews = $"/contracts/{contractId}/reviews";
        var prepared = await manager.PostAsync(reviews, new { period = text, meetingOn = DateOnly.FromDateTime(nowParis.DateTime), title = "Comité mensuel" },
            HttpStatusCode.Created);
        var reviewId = prepared.GetProperty("header").GetProperty("id").GetGuid();
        var review = $"{reviews}/{reviewId}";
        Assert.Equal(("monthly", "open", 1), (prepared.GetProperty("header").GetProperty("cadence").GetString(),
            prepared.GetProperty("header").GetProperty("status").GetString(), prepared.GetProperty("header").GetProperty("number").GetInt32()));
        var frozen = prepared.GetProperty("snapshot");
        Assert.Equal((2, 1, 50.00m), (Resolve(frozen.GetProperty("months")[0]).GetProperty("completed").GetInt32(),
            Resolve(frozen.GetProperty("months")[0]).GetProperty("met").GetInt32(), Resolve(frozen.GetProperty("totals")).GetProperty("successRate").GetDecimal()));
        Assert.Single(await system.Events.WaitForAsync<ReviewPrepared>(e => e.ReviewId == reviewId && e.PreparingSide == "client" && e.Period == text));
        await manager.PostAsync(reviews, new { period = text }, HttpStatusCode.Conflict);

        // A completion of that month arrives late: the live scorecard takes it, the review's snapshot does not.
        var late = Guid.CreateVersion7();
        await PublishAsync(Opened(contractId, late, 3, At(month, 20, 9)), Completed(contractId, late, met: true, At(month, 20, 11)));
        await manager.UntilAsync(scorecard, s => Resolve(s).GetProperty("completed").GetInt32() == 3);
        var read = await manager.GetAsync(review);
        Assert.Equal(frozen.GetRawText(), read.GetProperty("snapshot").GetRawText());
        Assert.Equal(2, Resolve(read.GetProperty("snapshot").GetProperty("months")[0]).GetProperty("completed").GetInt32());

        // Both sides comment on the SLA; the budget is the client's alone; a comment changed meanwhile is not overwritten.
        await manager.PutAsync($"{review}/comments/sla", new { text = "Un P2 sur deux hors délai : inacceptable.", version = 0 });
        await account.PutAsync($"{review}/comments/sla", new { text = "Pic d'activité le 9, renfort prévu.", version = 0 });
        await manager.PutAsync($"{review}/comments/budget", new { text = "Dans l'enveloppe.", version = 0 });
        var budgetComment = await account.PutAsync($"{review}/comments/budget", new { text = "?", version = 0 }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("reporting.review.indicator.clientOnly", budgetComment.GetProperty("errorCodes").GetProperty("indicator")[0].GetProperty("code").GetString());
        var stale = await manager.PutAsync($"{review}/comments/sla", new { text = "Autre avis", version = 0 }, HttpStatusCode.Conflict);
        Assert.Equal("reporting.review.stale", stale.GetProperty("code").GetString());
        await manager.PostAsync($"{review}/decisions", new { text = "Revoir la cible P2 au prochain avenant." }, HttpStatusCode.Created);
        await account.PostAsync($"{review}/improvements", new { axis = "technology", text = "Superviser les serveurs par sondes." }, HttpStatusCode.Created);
        var axis = await account.PostAsync($"{review}/improvements", new { axis = "mood", text = "?" }, HttpStatusCode.UnprocessableEntity);
        Assert.True(axis.GetProperty("errors").TryGetProperty("axis", out _));

        // The action plan: one item already past due, one still ahead.
        var yesterday = DateOnly.FromDateTime(nowParis.DateTime).AddDays(-1);
        var overdue = await manager.PostAsync($"{review}/actions",
            new { title = "Renforcer l'astreinte", side = "provider", owner = "Antoine Garnier", dueOn = yesterday }, HttpStatusCode.Created);
        Assert.True(overdue.GetProperty("overdue").GetBoolean());
        var ahead = await account.PostAsync($"{review}/actions",
            new { title = "Sondes de supervision", side = "provider", owner = "Léa Fontaine", dueOn = yesterday.AddMonths(2), status = "inProgress", note = "Commandées." },
            HttpStatusCode.Created);
        var aheadId = ahead.GetProperty("id").GetGuid();
        Assert.Equal(2, (await system.Events.WaitForAsync<ReviewActionChanged>(e => e.ContractId == contractId && e.PreviousStatus == null, count: 2)).Count);

        // The pass that watches due days tells the item past due, once, and not the one still ahead.
        var pass = system.Services["reporting"].GetServices<IHostedService>().OfType<reporting::Infogerance.Reporting.OverdueActions>().Single();
        await pass.RunOnceAsync(CancellationToken.None);
        await pass.RunOnceAsync(CancellationToken.None);
        var told = Assert.Single(await system.Events.WaitForAsync<ReviewActionOverdue>(e => e.ContractId == contractId));
        Assert.Equal((overdue.GetProperty("id").GetGuid(), yesterday, "provider"), (told.ActionId, told.DueOn, told.Side));
        Assert.Single(await system.Events.WaitForAsync<ReviewActionOverdue>(e => e.ContractId == contractId, count: 2, timeout: TimeSpan.FromSeconds(1)));
        var invalid = await manager.PostAsync($"{review}/actions", new { title = "", side = "both", dueOn = "2026-02-30" }, HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("dueOn", out _));
        var missing = await manager.PostAsync($"{review}/actions", new { title = "", side = "both" }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["dueOn", "owner", "side", "title"], missing.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());

        // The provider approves; a change afterwards withdraws its approval, which it gives again.
        var minutes = await account.GetAsync(review);
        Assert.Equal(2, minutes.GetProperty("comments").EnumerateArray().Count(c => c.GetProperty("indicator").GetString() == "sla"));
        Assert.DoesNotContain(minutes.GetProperty("comments").EnumerateArray(), c => c.GetProperty("indicator").GetString() == "budget");
        Assert.False(minutes.GetProperty("snapshot").GetProperty("months")[0].TryGetProperty("budget", out _), "the provider never sees the client's budget");
        var approved = await account.PostAsync($"{review}/approve", new { version = Version(minutes) });
        Assert.Equal("client", approved.GetProperty("header").GetProperty("awaitingSide").GetString());
        Assert.Single(await system.Events.WaitForAsync<ReviewApproved>(e => e.ReviewId == reviewId && e.Side == "provider" && e.AwaitingSide == "client"));
        await account.PostAsync($"{review}/approve", new { version = Version(approved) }, HttpStatusCode.Conflict);
        await manager.PostAsync($"/contracts/{contractId}/actions/{aheadId}/notes", new { text = "Livraison confirmée pour le 15." });
        Assert.Single(await system.Events.WaitForAsync<ReviewApprovalWithdrawn>(e => e.ReviewId == reviewId && e.Side == "provider"));
        var withdrawn = await manager.GetAsync(review);
        Assert.False(withdrawn.GetProperty("header").GetProperty("approvals").TryGetProperty("provider", out _));
        await manager.PostAsync($"{review}/approve", new { version = Version(approved) }, HttpStatusCode.Conflict); // read before the note
        await account.PostAsync($"{review}/approve", new { version = Version(withdrawn) });
        var closed = await manager.PostAsync($"{review}/approve", new { version = Version(withdrawn) });
        Assert.Equal("closed", closed.GetProperty("header").GetProperty("status").GetString());
        Assert.Single(await system.Events.WaitForAsync<ReviewClosed>(e => e.ReviewId == reviewId));
        Assert.Equal(1, await AuditCountAsync(reviewId, "review.closed"));

        // Closed: read-only, whoever tries.
        foreach (var refused in new[]
        {
            await manager.PutAsync($"{review}/comments/overall", new { text = "Après coup", version = 0 }, HttpStatusCode.Conflict),
            await account.PostAsync($"{review}/decisions", new { text = "Après coup" }, HttpStatusCode.Conflict),
            await manager.PostAsync($"{review}/actions", new { title = "Après coup", side = "client", owner = "Marc", dueOn = yesterday }, HttpStatusCode.Conflict),
            await account.PostAsync($"{review}/approve", new { version = Version(closed) }, HttpStatusCode.Conflict),
        })
        {
            Assert.Equal("reporting.review.closed", refused.GetProperty("code").GetString());
        }

        using (var deleted = await manager.Client.DeleteAsync(review))
        {
            Assert.Equal(HttpStatusCode.Conflict, deleted.StatusCode);
        }

        // The items live on: one done after the committee; the closed review keeps its plan as approved.
        var done = await account.PutAsync($"/contracts/{contractId}/actions/{overdue.GetProperty("id").GetGuid()}",
            new { title = "Renforcer l'astreinte", side = "provider", owner = "Antoine Garnier", dueOn = yesterday, status = "done", note = "Astreinte à deux.", version = 1 });
        Assert.False(done.GetProperty("overdue").GetBoolean());
        var asApproved = await manager.GetAsync(review);
        Assert.Equal(["inProgress", "open"], asApproved.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("status").GetString()).Order());

        // The next review (this month, begun) starts from the item still to do, its history continuing.
        var next = await account.PostAsync(reviews, new { period = nowParis.ToString("yyyy-MM", CultureInfo.InvariantCulture) }, HttpStatusCode.Created);
        var carried = Assert.Single(next.GetProperty("actions").EnumerateArray());
        Assert.Equal((aheadId, "inProgress", 2), (carried.GetProperty("id").GetGuid(), carried.GetProperty("carriedStatus").GetString(),
            carried.GetProperty("notes").GetArrayLength()));
        Assert.False(next.GetProperty("snapshot").GetProperty("totals").GetProperty("complete").GetBoolean());
        var list = await manager.GetAsync(reviews);
        Assert.Equal([2, 1], list.EnumerateArray().Select(r => r.GetProperty("header").GetProperty("number").GetInt32()));
        Assert.Equal(1, list[0].GetProperty("pendingActions").GetInt32());

        // The pack and the scorecard as files, in French and in English.
        var pdf = await DownloadAsync(manager, $"{review}/export?format=pdf", "fr", "application/pdf");
        var french = PdfText(pdf);
        Assert.Contains("Bilan de pilotage", french);
        Assert.Contains("Un P2 sur deux hors délai", french);
        Assert.Contains("Sondes de supervision", french);
        Assert.Contains("Approuvé par Antoine Garnier", french);
        var csv = Encoding.UTF8.GetString(await DownloadAsync(account, $"{review}/export?format=csv", "en", "text/csv"));
        Assert.Contains("sla.successRate", csv);
        Assert.DoesNotContain("budget.", csv); // the provider's pack has no budget
        using (var workbook = new XLWorkbook(new MemoryStream(await DownloadAsync(manager, $"{review}/export?format=xlsx", "en", "application/vnd.openxmlformats"))))
        {
            Assert.Contains("actions", workbook.Worksheets.Select(s => s.Name));
        }

        var english = PdfText(await DownloadAsync(manager, $"/contracts/{contractId}/scorecard/export?month={text}&format=pdf", "en", "application/pdf"));
        Assert.Contains("Monthly scorecard", english);
        Assert.Contains("sla.successRate",
            Encoding.UTF8.GetString(await DownloadAsync(manager, $"/contracts/{contractId}/scorecard/export?month={text}&format=csv", "fr", "text/csv")));
        var badFormat = await manager.GetAsync($"/contracts/{contractId}/scorecard/export?month=2026-13&format=doc", HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["format", "month"], badFormat.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        await manager.GetAsync($"{review}/export?format=doc", HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Both_sides_read_a_review_and_only_their_managers_change_it_nobody_else_sees_it()
    {
        var contractId = await TicketContracts.SignAsync(system, terms => terms with { Revision = null });
        using var manager = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.ContractManager, "Marc Dubois", "reporting");
        var reviews = $"/contracts/{contractId}/reviews";
        var month = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await ScorecardTests.UntilTermsKnownAsync(manager, $"/contracts/{contractId}/scorecard");

        using var auditor = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Auditor, "Aurélien Roux", "reporting");
        using var agent = await ContractParty.SignInAsync(system, DemoWorld.Antares, Roles.AgentL1, "Léa Fontaine", "reporting");
        using var requester = await ContractParty.SignInAsync(system, DemoWorld.Acme, Roles.Requester, "Rachel Petit", "reporting");
        using var otherTenant = await ContractParty.SignInAsync(system, DemoWorld.Belvedere, Roles.ContractManager, "Bruno Caron", "reporting");
        using var otherProvider = await ContractParty.SignInAsync(system, DemoWorld.Nordlys, Roles.AccountManager, "Ingrid Solberg", "reporting");

        await auditor.PostAsync(reviews, new { period = month }, HttpStatusCode.Forbidden);
        await otherProvider.PostAsync(reviews, new { period = month }, HttpStatusCode.NotFound);
        var badPeriod = await manager.PostAsync(reviews, new { period = "2026-Q5" }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("reporting.review.period.format", badPeriod.GetProperty("errorCodes").GetProperty("period")[0].GetProperty("code").GetString());
        var future = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).AddMonths(4);
        var notBegun = await manager.PostAsync(reviews, new { period = $"{future.Year}-Q{((future.Month - 1) / 3) + 1}" }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("reporting.review.period.future", notBegun.GetProperty("errorCodes").GetProperty("period")[0].GetProperty("code").GetString());

        var prepared = await manager.PostAsync(reviews, new { period = month }, HttpStatusCode.Created);
        var review = $"{reviews}/{prepared.GetProperty("header").GetProperty("id").GetGuid()}";

        // Refusals speak the caller's language.
        foreach (var (body, status) in new[] { ((object)new { period = "2026-Q5" }, HttpStatusCode.UnprocessableEntity), (new { period = month }, HttpStatusCode.Conflict) })
        {
            var texts = new List<string>();
            foreach (var language in new[] { "en", "fr-FR" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, reviews) { Content = JsonContent(body) };
                request.Headers.AcceptLanguage.ParseAdd(language);
                using var response = await manager.Client.SendAsync(request);
                Assert.Equal(status, response.StatusCode);
                var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                texts.Add(status == HttpStatusCode.Conflict
                    ? problem.GetProperty("detail").GetString()!
                    : problem.GetProperty("errors").GetProperty("period")[0].GetString()!);
            }

            Assert.NotEqual(texts[0], texts[1]);
            Assert.StartsWith(status == HttpStatusCode.Conflict ? "Le contrat a déjà un bilan de cette période." : "Une période est un mois", texts[1]);
        }

        Assert.Equal(month, (await auditor.GetAsync(review)).GetProperty("header").GetProperty("period").GetString());
        Assert.Single((await agent.GetAsync(reviews)).EnumerateArray());
        await DownloadAsync(agent, $"{review}/export?format=csv", "fr", "text/csv");
        await agent.PutAsync($"{review}/comments/sla", new { text = "Vu", version = 0 }, HttpStatusCode.Forbidden);
        await auditor.PostAsync($"{review}/approve", new { version = 1 }, HttpStatusCode.Forbidden);
        await requester.GetAsync(review, HttpStatusCode.Forbidden);
        await requester.GetAsync(reviews, HttpStatusCode.Forbidden);
        await otherTenant.GetAsync(review, HttpStatusCode.NotFound);
        await otherTenant.GetAsync(reviews, HttpStatusCode.NotFound);
        await otherProvider.GetAsync(review, HttpStatusCode.NotFound);
        await otherProvider.GetAsync($"{review}/export?format=pdf", HttpStatusCode.NotFound);
        await otherProvider.PutAsync($"{review}/comments/sla", new { text = "Intrus", version = 0 }, HttpStatusCode.NotFound);
        await otherProvider.PostAsync($"{review}/approve", new { version = 1 }, HttpStatusCode.NotFound);
        await otherTenant.GetAsync($"/contracts/{contractId}/actions", HttpStatusCode.NotFound);
        await manager.GetAsync($"{reviews}/{Guid.NewGuid()}", HttpStatusCode.NotFound);

        // A review prepared by mistake is deleted while open, and its period can be prepared again.
        using (var deleted = await manager.Client.DeleteAsync(review))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await manager.GetAsync(review, HttpStatusCode.NotFound);
        await manager.PostAsync(reviews, new { period = month }, HttpStatusCode.Created);
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static JsonElement Resolve(JsonElement scorecard) =>
        scorecard.GetProperty("sla").EnumerateArray().Single(r => r.GetProperty("priority").GetString() == "P2" && r.GetProperty("clock").GetString() == SlaClocks.Resolve);

    private static int Version(JsonElement review) => review.GetProperty("header").GetProperty("version").GetInt32();

    private Task PublishAsync(params IntegrationEvent[] events) => PublishAsync(system, DemoWorld.Acme, events);

    /// <summary>Raises the events as their services do: through an outbox, onto the broker.</summary>
    internal static async Task PublishAsync(InfogeranceSystem system, Guid tenant, IEnumerable<IntegrationEvent> events)
    {
        await using var unitOfWork = await system.ContractsPublisher.Database.BeginAsync(tenant, CancellationToken.None);
        foreach (var @event in events)
        {
            await unitOfWork.AddEventAsync(@event);
        }

        await unitOfWork.CommitAsync();
    }

    private static TicketOpened Opened(Guid contractId, Guid ticket, long number, DateTimeOffset at) => new()
    {
        TenantId = DemoWorld.Acme, ContractId = contractId, TicketId = ticket, Number = number, Kind = "incident", Priority = "P2", OpenedAt = at, OccurredAt = at,
    };

    private static SlaClockCompleted Completed(Guid contractId, Guid ticket, bool met, DateTimeOffset at) => new()
    {
        TenantId = DemoWorld.Acme, ContractId = contractId, TicketId = ticket, Clock = SlaClocks.Resolve, Priority = "P2", Met = met, BusinessSecondsUsed = 7_200,
        TargetBusinessSeconds = 14_400, StartedAt = at.AddHours(-2), DueAt = at.AddHours(2), CompletedAt = at, Completion = 1, OccurredAt = at,
    };

    private static DateTimeOffset At(DateTime month, int day, int hour)
    {
        var local = new DateTime(month.Year, month.Month, day, hour, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local));
    }

    private async Task<long> AuditCountAsync(Guid reviewId, string action)
    {
        await using var connection = new NpgsqlConnection(system.Databases["reporting"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM audit_log WHERE entity_id = @reviewId AND action = @action", connection);
        command.Parameters.AddWithValue("reviewId", reviewId);
        command.Parameters.AddWithValue("action", action);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    internal static async Task<byte[]> DownloadAsync(ContractParty party, string path, string language, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await party.Client.SendAsync(request);
        var content = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {Encoding.UTF8.GetString(content)}");
        Assert.StartsWith(contentType, response.Content.Headers.ContentType!.ToString());
        Assert.NotNull(response.Content.Headers.ContentDisposition?.FileName);
        return content;
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(page => string.Join(" ", page.GetWords().Select(w => w.Text))))
            .Replace('\u202f', ' ').Replace('\u00a0', ' ');
    }

}
