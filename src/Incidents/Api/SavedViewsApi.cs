using Infogerance.Data;
using Infogerance.Incidents.Domain;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Infogerance.Incidents.Api;

/// <summary>A view to save: the list it is of, its name, and the list's address query.</summary>
public sealed record SavedViewRequest(string? List, string? Name, string? Query);

/// <summary>A saved view of a list.</summary>
public sealed record SavedView(Guid Id, string List, string Name, string Query, DateTimeOffset CreatedAt);

/// <summary>
/// Each person's saved views of the ticket lists. Stored under the person's own organisation (row-level security by
/// tenant) and read and deleted by their owner only: a colleague's view, like another organisation's, is a 404.
/// </summary>
public static class SavedViewsApi
{
    public static void MapSavedViewsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/saved-views").RequireAuthorization(Policies.ContractReaders);
        api.MapGet("", ListAsync);
        api.MapPost("", SaveAsync).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/{viewId:guid}", DeleteAsync);
    }

    /// <summary>Lists the caller's saved views of a list (<c>tickets</c>), by name.</summary>
    public static async Task<Results<Ok<SavedView[]>, ProblemHttpResult>> ListAsync(
        string? list, Database database, CurrentUser user, CancellationToken cancellationToken)
    {
        list ??= "tickets";
        if (!SavedViews.Lists.Contains(list))
        {
            return Problems.Invalid("list", SavedViewMessages.ListUnknown);
        }

        await using var unitOfWork = await database.ReadAsync(user.OrganisationId, cancellationToken);
        var views = await unitOfWork.QueryAsync<SavedView>(
            """
            SELECT view_id AS id, list, name, query, created_at FROM saved_views
            WHERE tenant_id = @tenant AND owner_id = @owner AND list = @list ORDER BY lower(name), view_id
            """,
            new { tenant = user.OrganisationId, owner = user.Id, list });
        return TypedResults.Ok(views.ToArray());
    }

    /// <summary>Saves the current view of a list under a name of the caller's own; 409 when the name is taken.</summary>
    public static async Task<Results<Created<SavedView>, ProblemHttpResult>> SaveAsync(
        SavedViewRequest request, Database database, CurrentUser user, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = SavedViews.Check(request.List, request.Name, request.Query);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var view = new SavedView(Guid.CreateVersion7(now), request.List!, request.Name!.Trim(), request.Query!, now);
        await using var unitOfWork = await database.BeginAsync(user.OrganisationId, cancellationToken);
        // Taken under the owner's lock of their views, so that two saves at once cannot both pass the count.
        await unitOfWork.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@owner::text, 0))", new { owner = user.Id });
        var count = await unitOfWork.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM saved_views WHERE tenant_id = @tenant AND owner_id = @owner AND list = @List",
            new { tenant = user.OrganisationId, owner = user.Id, view.List });
        if (count >= SavedViews.MaxPerList)
        {
            return Problems.Conflict(SavedViewMessages.TooMany(SavedViews.MaxPerList));
        }

        try
        {
            await unitOfWork.ExecuteAsync(
                """
                INSERT INTO saved_views (tenant_id, view_id, owner_id, list, name, query, created_at)
                VALUES (@tenant, @Id, @owner, @List, @Name, @Query, @CreatedAt)
                """,
                new { tenant = user.OrganisationId, owner = user.Id, view.Id, view.List, view.Name, view.Query, view.CreatedAt });
        }
        catch (PostgresException exception) when (exception is { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "saved_views" })
        {
            return Problems.Conflict(SavedViewMessages.NameTaken(view.Name));
        }

        await unitOfWork.CommitAsync();
        return TypedResults.Created($"/saved-views/{view.Id}", view);
    }

    /// <summary>Deletes one of the caller's saved views.</summary>
    public static async Task<Results<NoContent, NotFound>> DeleteAsync(Guid viewId, Database database, CurrentUser user, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.BeginAsync(user.OrganisationId, cancellationToken);
        var deleted = await unitOfWork.ExecuteAsync(
            "DELETE FROM saved_views WHERE tenant_id = @tenant AND view_id = @viewId AND owner_id = @owner",
            new { tenant = user.OrganisationId, viewId, owner = user.Id });
        if (deleted == 0)
        {
            return TypedResults.NotFound();
        }

        await unitOfWork.CommitAsync();
        return TypedResults.NoContent();
    }
}
