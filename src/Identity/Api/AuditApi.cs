using Infogerance.Data;
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
    }

    /// <summary>A page of the caller's organisation's audit log, newest first.</summary>
    public static async Task<Results<Ok<AuditLog.Page>, ProblemHttpResult>> ReadAsync(
        [AsParameters] AdministrationServices services, CancellationToken cancellationToken, int limit = 50, string? before = null)
    {
        if (AuditLog.ValidatePage(limit, before, out var cursor) is { IsEmpty: false } errors)
        {
            return Problems.Invalid(errors);
        }

        var organisationId = services.User.OrganisationId;
        await using var unitOfWork = await services.Database.BeginAsync(organisationId, cancellationToken);
        return TypedResults.Ok(await AuditLog.ReadPageAsync(unitOfWork, organisationId, cursor, limit));
    }
}
