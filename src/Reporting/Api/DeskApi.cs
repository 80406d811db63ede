using Infogerance.Reporting.Data;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Reporting.Api;

/// <summary>One client's share of the desk: its open tickets by priority and the oldest of them.</summary>
public sealed record DeskClient(Guid ClientId, int Open, IReadOnlyList<DeskPriority> ByPriority, DeskOldest? Oldest);

/// <summary>Open tickets of one priority.</summary>
public sealed record DeskPriority(string Priority, int Count);

/// <summary>The oldest open ticket, with its age in seconds since its opening.</summary>
public sealed record DeskOldest(Guid TicketId, long Number, Guid ContractId, string Reference, string Priority, DateTimeOffset OpenedAt, long AgeSeconds);

/// <summary>
/// The provider's desk now: open tickets by client and priority, and the clocks at risk of breach by due time, the 50
/// soonest (<see cref="MoreAtRisk"/> when there are others).
/// </summary>
public sealed record DeskLoad(DateTimeOffset AsOf, int Open, IReadOnlyList<DeskClient> Clients, IReadOnlyList<AtRiskClock> AtRisk, bool MoreAtRisk);

/// <summary>The provider's desk load across its clients: for the provider's users only (a client has no desk to read).</summary>
public static class DeskApi
{
    public static RouteGroupBuilder MapDeskApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/desk")
            .RequireAuthorization(Policies.SteeringReaders)
            .RequireAuthorization(policy => policy.RequireRole([.. Roles.Of(OrganisationKind.Provider)]));
        group.MapGet("", DeskAsync);
        return group;
    }

    /// <summary>
    /// The load of the caller's desk across the contracts naming its organisation: tickets open now by client and priority,
    /// each client's oldest open ticket, and the tickets whose SLA clock was warned of and is still at risk of breach
    /// (not completed, breached or resolved since), the 50 soonest due.
    /// </summary>
    public static async Task<Results<Ok<DeskLoad>, ForbidHttpResult>> DeskAsync([AsParameters] ReportingServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.User.OrganisationKind != OrganisationKind.Provider)
        {
            return TypedResults.Forbid();
        }

        var now = Infogerance.Data.Instants.NowToTheSecond(services.Clock);
        var provider = services.User.OrganisationId;
        await using var unitOfWork = await services.Database.ReadAsync(services.User, cancellationToken);
        var desk = await DeskStore.ReadAsync(unitOfWork, provider);
        var oldest = desk.Oldest.ToDictionary(t => t.ClientId);
        var clients = desk.Counts.GroupBy(c => c.ClientId).Select(client =>
        {
            var first = oldest.GetValueOrDefault(client.Key);
            return new DeskClient(
                client.Key, client.Sum(c => c.Count), [.. client.Select(c => new DeskPriority(c.Priority, c.Count))],
                first is null ? null : new DeskOldest(
                    first.TicketId, first.Number, first.ContractId, first.Reference, first.Priority, first.OpenedAt,
                    Math.Max(0, (long)(now - first.OpenedAt).TotalSeconds)));
        }).ToList();
        return TypedResults.Ok(new DeskLoad(now, clients.Sum(c => c.Open), clients, desk.AtRisk, desk.MoreAtRisk));
    }
}
