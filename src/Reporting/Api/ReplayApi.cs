using Infogerance.Reporting.Data;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Reporting.Api;

/// <summary>The operators' command that rebuilds the read models from the journal of the events they were fed.</summary>
public static class ReplayApi
{
    public static void MapReplayApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/replay").RequireAuthorization(Policies.Operator).MapPost("", ReplayAsync);

    /// <summary>
    /// Rebuilds every read model from the journal, in one transaction (readers see the previous figures until it
    /// commits); answers how many events were fed again, over how many tenants. Answers counts only: operators see no
    /// tenant's figures.
    /// </summary>
    public static async Task<Ok<ReplayResult>> ReplayAsync(Journal journal, CurrentUser user, ILogger<Journal> logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(user);
        var result = await journal.ReplayAsync(cancellationToken);
        logger.LogInformation(
            "{Operator} rebuilt the read models: {Events} events of {Tenants} tenants replayed in {Elapsed} ms",
            user.Name, result.Events, result.Tenants, result.ElapsedMilliseconds);
        return TypedResults.Ok(result);
    }
}
