using System.Net;
using System.Net.Http.Json;
using Infogerance.DemoData;
using Infogerance.EndToEnd.Tests.Incidents;
using Infogerance.EndToEnd.Tests.Notifications;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Infogerance.TestSupport;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Infogerance.EndToEnd.Tests.Reporting;

/// <summary>
/// The monthly scorecard by e-mail: once a month's penalty statement is issued, Reporting says the month is final and
/// the Notifications service e-mails its PDF (fetched from Reporting's internal route) to the steering readers of
/// each side who subscribed, each in their language and as their side reads it; once per contract and month.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class MonthlyScorecardMailTests(InfogeranceSystem system)
{
    private const string AcmeAdmin = "admin@acme.example";
    private const string AntaresAdmin = "manager@antares.example";

    [Fact]
    public async Task A_final_month_mails_its_scorecard_to_each_sides_subscribers_once_and_to_nobody_else()
    {
        using var manager = await Person.JoinAsync(system, AcmeAdmin, Roles.ContractManager, "Clara Abonnée");
        using var account = await Person.JoinAsync(system, AntaresAdmin, Roles.AccountManager, "Paul Subscribed");
        using var auditor = await Person.JoinAsync(system, AcmeAdmin, Roles.Auditor, "Hugo Désabonné");
        await manager.SpeakAsync(system, "fr");
        await account.SpeakAsync(system, "en");
        foreach (var subscriber in new[] { manager, account })
        {
            using var put = await subscriber.Client.PutAsJsonAsync("/api/notifications/preferences", new { delivery = new { scorecards = "immediate" } });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        // Off by default: the auditor, who chose nothing, reads it in the app only.
        var defaults = await auditor.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/notifications/preferences");
        Assert.Equal("app", defaults.GetProperty("delivery").GetProperty("scorecards").GetString());

        // A contract of its own: the notices of its months reach nobody another test counts.
        var contractId = await TicketContracts.SignAsync(system, terms => terms);
        var statement = Statement(contractId, "2019-07");
        await PublishAsync(statement);

        var notice = await auditor.WaitForAsync(contractId, "monthlyScorecard", n => n.GetProperty("subject").GetProperty("label").GetString() == "2019-07");
        var reference = notice.GetProperty("contractReference").GetString();
        var clientMail = Assert.Single(await system.Mailbox.WaitForAsync(manager.Email, m => m.Subject.Contains("juillet 2019", StringComparison.Ordinal), timeout: TimeSpan.FromSeconds(60)));
        Assert.Equal($"[{reference}] Tableau de bord de juillet 2019", clientMail.Subject);
        Assert.Contains($"Les chiffres de juillet 2019 du contrat {reference} sont définitifs", clientMail.Text);
        AssertPdf(clientMail.Message, $"{reference}-tableau-de-bord-2019-07.pdf");

        var providerMail = Assert.Single(await system.Mailbox.WaitForAsync(account.Email, m => m.Subject.Contains("July 2019", StringComparison.Ordinal), timeout: TimeSpan.FromSeconds(60)));
        Assert.Equal($"[{reference}] Scorecard of July 2019", providerMail.Subject);
        AssertPdf(providerMail.Message, $"{reference}-scorecard-2019-07.pdf");

        // Each side's copy is its own: the provider's is not the client's file (it lacks the budget, as the provider's scorecard does).
        Assert.NotEqual(PdfOf(clientMail.Message), PdfOf(providerMail.Message));

        // The same event redelivered, and a second statement of the same month: nothing more. A later month, as a marker, comes through.
        await system.ContractsPublisher.Services.GetRequiredService<IBus>().Publish(statement);
        await PublishAsync(Statement(contractId, "2019-07"));
        await PublishAsync(Statement(contractId, "2019-08"));
        await system.Mailbox.WaitForAsync(manager.Email, m => m.Subject.Contains("août 2019", StringComparison.Ordinal), timeout: TimeSpan.FromSeconds(60));
        await system.Mailbox.WaitForAsync(account.Email, m => m.Subject.Contains("August 2019", StringComparison.Ordinal), timeout: TimeSpan.FromSeconds(60));
        Assert.Single(system.Mailbox.For(manager.Email), m => m.Subject.Contains("juillet 2019", StringComparison.Ordinal));
        Assert.Single(system.Mailbox.For(account.Email), m => m.Subject.Contains("July 2019", StringComparison.Ordinal));
        Assert.DoesNotContain(system.Mailbox.For(auditor.Email), m => m.Subject.Contains("2019", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_internal_pdf_route_opens_to_the_internal_key_alone_and_never_through_the_gateway()
    {
        var path = $"/internal/contracts/{DemoWorld.AcmeContract}/scorecard/pdf?month=2019-07&side=provider";
        using var direct = system.DirectClients["reporting"]();
        Assert.Equal(HttpStatusCode.Unauthorized, (await direct.GetAsync(path)).StatusCode);
        using (var wrong = new HttpRequestMessage(HttpMethod.Get, path))
        {
            wrong.Headers.Add(InternalCalls.KeyHeader, new string('0', 64));
            Assert.Equal(HttpStatusCode.Unauthorized, (await direct.SendAsync(wrong)).StatusCode);
        }

        using (var keyed = new HttpRequestMessage(HttpMethod.Get, path))
        {
            keyed.Headers.Add(InternalCalls.KeyHeader, InfogeranceSystem.InternalKey);
            using var answer = await direct.SendAsync(keyed);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("application/pdf", answer.Content.Headers.ContentType?.MediaType);
        }

        using (var notOver = new HttpRequestMessage(HttpMethod.Get, $"/internal/contracts/{DemoWorld.AcmeContract}/scorecard/pdf?month=2099-01&side=elsewhere"))
        {
            notOver.Headers.Add(InternalCalls.KeyHeader, InfogeranceSystem.InternalKey);
            using var answer = await direct.SendAsync(notOver);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
            var problem = await answer.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("side", out _));
        }

        using var gateway = new HttpClient { BaseAddress = new Uri(system.GatewayUrl) };
        using var outside = new HttpRequestMessage(HttpMethod.Get, "/api/reporting" + path);
        outside.Headers.Add(InternalCalls.KeyHeader, InfogeranceSystem.InternalKey);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.SendAsync(outside)).StatusCode);
    }

    private static PenaltyStatementIssued Statement(Guid contractId, string month) => new()
    {
        TenantId = DemoWorld.Acme, ContractId = contractId, Month = month, MonthlyFee = 10_000m, GrossAmount = 0m, FreeAmount = 0m,
        WaivedAmount = 0m, MonthlyCapDeducted = 0m, AnnualCapDeducted = 0m, BelowMinimum = false, Total = 0m, AdjustmentTotal = 0m, TotalDue = 0m,
    };

    /// <summary>Publishes the statement as Invoicing does, through an outbox.</summary>
    private async Task PublishAsync(PenaltyStatementIssued statement)
    {
        await using var unitOfWork = await system.ContractsPublisher.Database.BeginAsync(statement.TenantId, CancellationToken.None);
        await unitOfWork.AddEventAsync(statement);
        await unitOfWork.CommitAsync();
    }

    private static void AssertPdf(MimeMessage message, string fileName)
    {
        var attachment = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal((fileName, "application/pdf"), (attachment.FileName, attachment.ContentType.MimeType));
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(PdfOf(message)[..5]));
    }

    private static byte[] PdfOf(MimeMessage message)
    {
        using var content = new MemoryStream();
        ((MimePart)message.Attachments.Single()).Content!.DecodeTo(content);
        return content.ToArray();
    }
}
