using Infogerance.Data;
using Infogerance.Identity.Data;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Identity.Api;

/// <summary>An organisation's admins read its audit log; Operators read the platform's.</summary>
public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/audit", ReadAsync).RequireAuthorization(Policies.OrganisationAdmin);

    public static async Task<Results<Ok<AuditLog.Page>, ProblemHttpResult>> ReadAsync(
        CurrentUser user, Database database, CancellationToken cancellationToken, int limit = 50, string? before = null)
    {
        if (AuditLog.CheckPage(limit, before, out var cursor) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }

        await using var unitOfWork = await database.BeginAsync(user.OrganisationId, cancellationToken);
        return TypedResults.Ok(await AuditLog.ReadPageAsync(unitOfWork, user.OrganisationId, cursor, limit));
    }
}
