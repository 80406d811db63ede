using Infogerance.Data;
using Infogerance.Incidents.Data;
using Infogerance.Incidents.Domain;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Incidents.Api;

/// <summary>What the caller may do with tickets, and the shared shape of a change to one ticket.</summary>
public static class TicketAccess
{
    public static string SideOf(CurrentUser user) => user.OrganisationKind == OrganisationKind.Provider ? Sides.Provider : Sides.Client;

    public static TicketActor Actor(CurrentUser user) => new(user.Id, user.Name, SideOf(user));

    /// <summary>The provider's desk: its agents and account managers work the tickets.</summary>
    public static bool IsDesk(CurrentUser user) => user.OrganisationKind == OrganisationKind.Provider;

    /// <summary>Auditors read; every other client user and the desk may open tickets.</summary>
    public static bool MayOpen(CurrentUser user) =>
        IsDesk(user) || user.IsInRole(Roles.TenantAdmin) || user.IsInRole(Roles.ContractManager) || user.IsInRole(Roles.Requester);

    /// <summary>A client user who is only a requester sees the tickets it opened, not the whole company's.</summary>
    public static Guid? OnlyRequestedBy(CurrentUser user) =>
        user.OrganisationKind == OrganisationKind.Client && user.IsInRole(Roles.Requester)
        && !user.IsInRole(Roles.TenantAdmin) && !user.IsInRole(Roles.ContractManager) && !user.IsInRole(Roles.Auditor)
            ? user.Id
            : null;

    public static bool Sees(CurrentUser user, TicketRow ticket) => OnlyRequestedBy(user) is not { } requester || ticket.RequesterId == requester;

    /// <summary>The instant of a change: whole seconds, as the clocks count.</summary>
    public static DateTimeOffset Now(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }

    /// <summary>
    /// Runs <paramref name="change"/> on the ticket under its row lock in one transaction: 404 when the caller does not
    /// see it, then the change's own answer; commits only when the change succeeded.
    /// </summary>
    public static async Task<IResult> ChangeAsync(
        Database database, CurrentUser user, Guid ticketId, CancellationToken cancellationToken, Func<UnitOfWork, TicketRow, Task<IResult>> change)
    {
        await using var unitOfWork = await database.BeginAsync(user, cancellationToken);
        if (await TicketStore.LoadAsync(unitOfWork, ticketId, forUpdate: true) is not { } ticket || !Sees(user, ticket))
        {
            return TypedResults.NotFound();
        }

        var result = await change(unitOfWork, ticket);
        if (result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
        {
            await unitOfWork.CommitAsync();
        }

        return result;
    }

    public static async Task<IResult> ReadAsync(
        Database database, CurrentUser user, Guid ticketId, CancellationToken cancellationToken, Func<UnitOfWork, TicketRow, Task<IResult>> read)
    {
        await using var unitOfWork = await database.BeginAsync(user, cancellationToken);
        return await TicketStore.LoadAsync(unitOfWork, ticketId) is { } ticket && Sees(user, ticket)
            ? await read(unitOfWork, ticket)
            : TypedResults.NotFound();
    }

    public static ProblemHttpResult Invalid(string field, string message) => Problems.Invalid(new Dictionary<string, string[]>() { [field] = [message] });
}
