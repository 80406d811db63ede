using Infogerance.Incidents.Domain;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Incidents.Api;

/// <summary>A person tickets may be assigned to, with the desk roles they hold.</summary>
public sealed record AgentView(Guid Id, string DisplayName, IReadOnlyList<string> Roles);

/// <summary>The people of a contract's provider desk that its tickets may be assigned to.</summary>
public static class AgentsApi
{
    public static void MapAgentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/contracts/{contractId:guid}").RequireAuthorization(Policies.ContractReaders);
        api.MapGet("/agents", AgentsAsync);
    }

    /// <summary>
    /// Lists the active agents and account managers of the contract's provider, by name: those its tickets may be assigned
    /// to. For the provider's desk; the client's side gets 403.
    /// </summary>
    public static async Task<Results<Ok<AgentView[]>, NotFound, ForbidHttpResult>> AgentsAsync(
        Guid contractId, Database database, CurrentUser user, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.ReadAsync(user, cancellationToken);
        if (await ContractReplica.ContractAsync(unitOfWork, contractId) is not { } contract)
        {
            return TypedResults.NotFound();
        }

        if (!TicketAccess.IsDesk(user))
        {
            return TypedResults.Forbid();
        }

        var people = await PeopleReplica.OfAsync(unitOfWork, [contract.ProviderOrganisationId]);
        return TypedResults.Ok(Assignees.Of(people, contract.ProviderOrganisationId)
            .Select(person => new AgentView(person.Id, person.DisplayName, [.. person.Roles.Where(Assignees.DeskRoles.Contains)]))
            .ToArray());
    }
}
