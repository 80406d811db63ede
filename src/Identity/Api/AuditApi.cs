using Infogerance.Data;
using Infogerance.Documents;
using Infogerance.Identity.Domain;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Identity.Api;

/// <summary>An organisation's admins read its audit log; Operators read the platform's.</summary>
public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/audit").RequireAuthorization(Policies.OrganisationAdmin);
        api.MapGet("/", ReadAsync);
        api.MapGet("/export", ExportAsync).Produces(200, contentType: "text/csv");
    }

    /// <summary>
    /// A page of the caller's organisation's audit log, newest first: each entry's actor by name, its action's code
    /// and the fields it changed; filtered by actor, action and days.
    /// </summary>
    public static async Task<Results<Ok<AuditLog.Page>, ProblemHttpResult>> ReadAsync(
        [AsParameters] AuditLog.Query query, [AsParameters] AdministrationServices services, CancellationToken cancellationToken)
    {
        if (AuditLog.ValidateQuery(query, IdentityAuditActions.All, out var cursor, out var filter) is { IsEmpty: false } errors)
        {
            return Problems.Invalid(errors);
        }

        var organisationId = services.User.OrganisationId;
        await using var unitOfWork = await services.Database.ReadAsync(organisationId, cancellationToken);
        return TypedResults.Ok(await AuditLog.ReadPageAsync(unitOfWork, organisationId, cursor, query.PageSize, filter: filter));
    }

    /// <summary>Downloads the caller's organisation's audit log as CSV, filtered as it is read (at most 10,000 entries, newest first).</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(
        [AsParameters] AuditLog.Query query, [AsParameters] AdministrationServices services, CancellationToken cancellationToken)
    {
        if (AuditLog.ValidateQuery(query, IdentityAuditActions.All, out _, out var filter) is { IsEmpty: false } errors)
        {
            return Problems.Invalid(errors);
        }

        var organisationId = services.User.OrganisationId;
        await using var unitOfWork = await services.Database.ReadAsync(organisationId, cancellationToken);
        var lines = await AuditLog.ExportAsync(unitOfWork, organisationId, filter);
        var day = DateOnly.FromDateTime(services.Clock.GetUtcNow().UtcDateTime);
        return TypedResults.File(DossierArchive.Csv(lines), "text/csv", $"audit-{day:yyyy-MM-dd}.csv");
    }
}
