using Infogerance.Incidents.Data;
using Infogerance.Incidents.Domain;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;

namespace Infogerance.Incidents.Api;

/// <summary>The services a ticket's endpoints need, bound from the request and the container.</summary>
public sealed record TicketServices(Database Database, CurrentUser User, TicketSla Sla, ContractReplica Terms, TimeProvider Clock)
{
    /// <summary>The instant of a change: whole seconds, as the clocks count.</summary>
    public DateTimeOffset Now => Instants.NowToTheSecond(Clock);
}

/// <summary>Who works tickets and who sees them; the rest of a change's shape is the platform's <see cref="Access"/>.</summary>
public static class TicketAccess
{
    public static TicketActor Actor(CurrentUser user) => new(user.Id, user.Name, Sides.Of(user));

    /// <summary>The provider's desk: its agents and account managers work the tickets.</summary>
    public static bool IsDesk(CurrentUser user) => Sides.Of(user) == Sides.Provider;

    /// <summary>Auditors read; every other client user and the desk may open tickets.</summary>
    public static bool MayOpen(CurrentUser user) =>
        IsDesk(user) || user.IsInRole(Roles.TenantAdmin) || user.IsInRole(Roles.ContractManager) || user.IsInRole(Roles.Requester);

    /// <summary>An auditor who holds no other role: reads tickets, changes none.</summary>
    public static bool OnlyReads(CurrentUser user) => user.IsInRole(Roles.Auditor) && !MayOpen(user);

    /// <summary>A client user who is only a requester sees the tickets it opened, not the whole company's.</summary>
    public static Guid? OnlyRequestedBy(CurrentUser user) =>
        user.OrganisationKind == OrganisationKind.Client && user.IsInRole(Roles.Requester)
        && !user.IsInRole(Roles.TenantAdmin) && !user.IsInRole(Roles.ContractManager) && !user.IsInRole(Roles.Auditor)
            ? user.Id
            : null;

    public static bool Sees(CurrentUser user, TicketRow ticket) => OnlyRequestedBy(user) is not { } requester || ticket.RequesterId == requester;

    /// <summary>
    /// Runs <paramref name="change"/> on the ticket under its row lock in one transaction (<see cref="Access.ChangeAsync"/>):
    /// 404 when the caller does not see it, then the change's own answer, committed only when it is a success.
    /// </summary>
    public static Task<TResult> ChangeAsync<TResult>(
        TicketServices services, Guid ticketId, Func<UnitOfWork, TicketRow, Task<TResult>> change, Func<TResult> notFound,
        CancellationToken cancellationToken)
        where TResult : IResult =>
        services.Database.ChangeAsync(services.User, Visible(services.User, ticketId, forUpdate: true), change, notFound, cancellationToken);

    /// <summary>Reads the ticket under the caller's scope: <paramref name="notFound"/> when the caller does not see it.</summary>
    public static Task<TResult> ReadAsync<TResult>(
        Database database, CurrentUser user, Guid ticketId, Func<UnitOfWork, TicketRow, Task<TResult>> read, Func<TResult> notFound,
        CancellationToken cancellationToken)
        where TResult : IResult =>
        database.ReadAsync(user, Visible(user, ticketId, forUpdate: false), read, notFound, cancellationToken);

    private static Func<UnitOfWork, Task<TicketRow?>> Visible(CurrentUser user, Guid ticketId, bool forUpdate) =>
        async unitOfWork => await TicketStore.LoadAsync(unitOfWork, ticketId, forUpdate) is { } ticket && Sees(user, ticket) ? ticket : null;
}
