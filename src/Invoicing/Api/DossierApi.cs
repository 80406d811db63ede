using Infogerance.Documents;
using Infogerance.Invoicing.Data;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Invoicing.Api;

/// <summary>
/// The invoicing part of a contract's dossier, for those who may export the dossier (client managers, auditors, provider
/// managers). The gateway puts it under <c>invoicing/</c> of the dossier the user downloads.
/// </summary>
public static class DossierApi
{
    public static void MapDossierApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/contracts/{contractId:guid}/dossier").RequireAuthorization(Policies.ContractOversight)
            .MapGet("", DossierAsync).Produces(200, contentType: "application/zip");

    /// <summary>
    /// Downloads the invoicing part of the contract's dossier as a ZIP with its checksummed manifest: the list of invoices
    /// (<c>invoices.csv</c>), each invoice with its lines, control result, discrepancies and history
    /// (<c>invoices/{id}/invoice.json</c>) and the file it was received as (<c>invoices/{id}/original/…</c>); each month's
    /// penalty statement, issued or draft, in JSON and CSV (<c>statements/{month}-{status}.json</c>, <c>.csv</c>); and, for
    /// the client, its budget years (<c>budgets/{year}.json</c>).
    /// </summary>
    public static async Task<Results<FileContentHttpResult, NotFound>> DossierAsync(
        Guid contractId, [AsParameters] InvoiceServices services, CancellationToken cancellationToken)
    {
        var now = services.Clock.GetUtcNow();
        await using var unitOfWork = await services.Database.ReadAsync(services.User, cancellationToken);
        // A contract not signed yet is seen, and has nothing here: its part is empty rather than missing.
        if (!await ContractReplica.SeesAsync(unitOfWork, contractId))
        {
            return TypedResults.NotFound();
        }

        // Null for a contract not signed yet, which has no invoice.
        var invoices = await Invoices.ListAsync(unitOfWork, contractId) ?? [];
        var files = new List<DossierFile> { new("invoices.csv", DossierArchive.Csv(invoices)) };
        foreach (var invoice in invoices)
        {
            var row = (await Invoices.LoadAsync(unitOfWork, invoice.Id))!;
            files.Add(new($"invoices/{row.InvoiceId}/invoice.json", DossierArchive.Json(await Invoices.ViewAsync(unitOfWork, row))));
            if (await Invoices.OriginalAsync(unitOfWork, row) is { } original)
            {
                files.Add(new($"invoices/{row.InvoiceId}/original/{original.FileName}", original.Content));
            }
        }

        if (await Statements.RangeAsync(unitOfWork, contractId, now) is { } range)
        {
            foreach (var statement in await Statements.AllAsync(unitOfWork, range, now))
            {
                var name = $"statements/{statement.Month}-{statement.Status}";
                files.Add(new($"{name}.json", DossierArchive.Json(statement)));
                files.Add(new($"{name}.csv", StatementExport.Csv(statement)));
            }
        }

        var contract = await ContractReplica.ContractAsync(unitOfWork, contractId);
        if (contract is not null && BudgetsApi.MayRead(services.User))
        {
            foreach (var budget in await Budgets.YearsAsync(unitOfWork, contract, now))
            {
                files.Add(new($"budgets/{budget.Budget.Year}.json", DossierArchive.Json(budget)));
            }
        }

        using var archive = new MemoryStream();
        DossierArchive.Write(archive, contractId, contract?.Reference ?? "", now, files);
        return TypedResults.File(archive.ToArray(), "application/zip", DocumentTypes.SafeFileName($"{contract?.Reference ?? "contract"}-invoicing-dossier.zip"));
    }
}
