using Infogerance.Documents;
using Infogerance.Incidents.Data;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Incidents.Api;

/// <summary>A ticket as the dossier keeps it: the ticket with its clocks and rating, its history, comments and attachments.</summary>
public sealed record TicketRecord(TicketDetail Ticket, HistoryEntry[] History, CommentView[] Comments, AttachmentView[] Attachments);

/// <summary>
/// The incidents part of a contract's dossier, for those who may export the dossier (client managers, auditors, provider
/// managers). The gateway puts it under <c>incidents/</c> of the dossier the user downloads.
/// </summary>
public static class DossierApi
{
    public static void MapDossierApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/contracts/{contractId:guid}/dossier").RequireAuthorization(Policies.ContractOversight)
            .MapGet("", DossierAsync).Produces(200, contentType: "application/zip");

    /// <summary>
    /// Downloads the incidents part of the contract's dossier as a ZIP with its checksummed manifest: the list of tickets
    /// (<c>tickets.csv</c>), each ticket with its SLA clocks, rating, history, comments and attachments' details
    /// (<c>tickets/{number}/ticket.json</c>) and the attached files (<c>tickets/{number}/attachments/{id}/…</c>), and the
    /// outages recorded (<c>outages.json</c>). The client's side never gets the desk's internal entries, as in the API.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, NotFound>> DossierAsync(
        Guid contractId, [AsParameters] TicketServices services, CancellationToken cancellationToken)
    {
        var (database, user, sla, terms, _) = services;
        var now = services.Now;
        await using var unitOfWork = await database.ReadAsync(user, cancellationToken);
        // A contract not signed yet is seen, and has nothing here: its part is empty rather than missing.
        if (!await ContractReplica.SeesAsync(unitOfWork, contractId))
        {
            return TypedResults.NotFound();
        }

        var tickets = (await unitOfWork.QueryAsync<TicketRow>($"{TicketStore.SelectTicket} WHERE t.contract_id = @contractId ORDER BY t.number", new { contractId }))
            .ToList();
        var files = new List<DossierFile> { new("tickets.csv", DossierArchive.Csv(tickets.Select(TicketsApi.Summary))) };
        foreach (var ticket in tickets)
        {
            var clocks = await TicketsApi.Evaluate(unitOfWork, ticket, terms, now);
            var attachments = await AttachmentsApi.AttachmentsOfAsync(unitOfWork, ticket, user);
            var record = new TicketRecord(
                await TicketViews.DetailAsync(unitOfWork, ticket, clocks, terms, user, sla.Settings, now),
                await TicketsApi.HistoryOfAsync(unitOfWork, ticket, user), await TicketsApi.CommentsOfAsync(unitOfWork, ticket, user), attachments);
            files.Add(new($"tickets/{ticket.Number}/ticket.json", DossierArchive.Json(record)));
            foreach (var attachment in attachments)
            {
                var file = await AttachmentsApi.FileOfAsync(unitOfWork, ticket, attachment.Id, user);
                files.Add(new($"tickets/{ticket.Number}/attachments/{attachment.Id}/{attachment.FileName}", file.Content));
            }
        }

        files.Add(new("outages.json", DossierArchive.Json((await OutageStore.OfContractAsync(unitOfWork, contractId)).Select(OutagesApi.View).ToList())));

        var reference = (await ContractReplica.ContractAsync(unitOfWork, contractId))?.Reference;
        using var archive = new MemoryStream();
        DossierArchive.Write(archive, contractId, reference ?? "", now, files);
        return TypedResults.File(archive.ToArray(), "application/zip", DocumentTypes.SafeFileName($"{reference ?? "contract"}-incidents-dossier.zip"));
    }
}
