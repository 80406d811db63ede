using Infogerance.Data;
using Infogerance.Identity.Data;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Identity.Api;

public sealed record AuditPage(IReadOnlyList<AuditLog.Entry> Items, string? NextCursor);

/// <summary>An organisation's admins read its audit log; Operators read the platform's.</summary>
public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/audit", ReadAsync).RequireAuthorization(Policies.OrganisationAdmin);

    public static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> ReadAsync(
        CurrentUser user, Database database, CancellationToken cancellationToken, int limit = 50, string? before = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (limit is < 1 or > 200)
        {
            errors["limit"] = ["Between 1 and 200."];
        }

        Guid? cursor = null;
        if (before is not null)
        {
            if (Guid.TryParse(before, out var parsed))
            {
                cursor = parsed;
            }
            else
            {
                errors["before"] = ["Not a cursor returned by this endpoint."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        await using var unitOfWork = await database.BeginAsync(user.OrganisationId, cancellationToken);
        var items = await AuditLog.ReadAsync(unitOfWork, user.OrganisationId, cursor, limit);
        return TypedResults.Ok(new AuditPage(items, items.Count == limit ? items[^1].Id.ToString() : null));
    }
}
