using System.Globalization;
using Infogerance.Data;
using Infogerance.Incidents.Data;
using Infogerance.Incidents.Domain;
using Infogerance.IntegrationEvents;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Infogerance.Incidents.Api;

/// <summary>An outage as recorded or corrected: <see cref="EndedAt"/> null while the service is still down.</summary>
public sealed record OutageRequest(string? Service, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt);

public sealed record OutageView(
    Guid Id, Guid ContractId, Guid? TicketId, string Service, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, int Revision, string RecordedBy,
    DateTimeOffset RecordedAt);

/// <summary>A service's availability over a month; <see cref="Penalty"/> is the contract's band it falls in, null when none.</summary>
public sealed record ServiceAvailabilityView(
    string Service, long OutageSeconds, long PeriodSeconds, decimal AvailabilityPercent, AvailabilityBand? Penalty, IReadOnlyList<OutageView> Outages);

/// <summary>
/// Service outages recorded on major incidents, corrected or ended later, and each contract's monthly availability per
/// service computed from them (<see cref="Availability"/>).
/// </summary>
public static class OutagesApi
{
    public static void MapOutagesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").RequireAuthorization(Policies.ContractReaders);
        api.MapPost("/tickets/{ticketId:guid}/outages", RecordAsync);
        api.MapPut("/outages/{outageId:guid}", ChangeAsync);
        api.MapGet("/contracts/{contractId:guid}/outages", ListAsync);
        api.MapGet("/contracts/{contractId:guid}/availability", AvailabilityOfAsync);
    }

    /// <summary>The provider's desk, and the client's managers (company admin, contract manager), record and correct outages.</summary>
    public static bool MayRecord(CurrentUser user) =>
        TicketAccess.IsDesk(user)
        || (user.OrganisationKind == OrganisationKind.Client && (user.IsInRole(Roles.TenantAdmin) || user.IsInRole(Roles.ContractManager)));

    /// <summary>
    /// Outages and availability are the contract's steering figures: its desk, its managers and auditors read them; a client
    /// user who is only a requester sees its own tickets, not the contract's.
    /// </summary>
    public static bool MayRead(CurrentUser user) => TicketAccess.OnlyRequestedBy(user) is null;

    /// <summary>Records an outage of a service on a major incident (ongoing while it has no end).</summary>
    public static async Task<Results<Created<OutageView>, NotFound, ForbidHttpResult, ProblemHttpResult>> RecordAsync(
        Guid ticketId, OutageRequest request, [AsParameters] TicketServices services, CancellationToken cancellationToken)
    {
        var now = services.Now;
        var user = services.User;
        var errors = Check(request, now);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        return await TicketAccess.ChangeAsync<Results<Created<OutageView>, NotFound, ForbidHttpResult, ProblemHttpResult>>(services, ticketId, async (unitOfWork, ticket) =>
        {
            if (!MayRecord(user))
            {
                return TypedResults.Forbid();
            }

            if (ticket.Kind != TicketKinds.Incident)
            {
                return Problems.Conflict(OutageMessages.OnIncidentsOnly);
            }

            var outage = new OutageRow(
                Guid.CreateVersion7(now), ticket.TenantId, ticket.ContractId, ticket.TicketId, request.Service!.Trim(), Second(request.StartedAt!.Value),
                request.EndedAt is { } ended ? Second(ended) : null, Revision: 1, user.Name, now);
            await OutageStore.InsertAsync(unitOfWork, outage);
            await TicketStore.AddHistoryAsync(unitOfWork, ticket, TicketAccess.Actor(user), now, "outage", null, Describe(outage));
            await RecordedAsync(unitOfWork, user, "outage.recorded", null, outage, now);
            return TypedResults.Created($"/outages/{outage.Id}", View(outage));
        }, () => TypedResults.NotFound(), cancellationToken);
    }

    /// <summary>Ends an outage or corrects it (service, start, end — the whole outage is sent): each change is a new revision.</summary>
    public static async Task<Results<Ok<OutageView>, NotFound, ForbidHttpResult, ProblemHttpResult>> ChangeAsync(
        Guid outageId, OutageRequest request, Database database, CurrentUser user, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = Instants.NowToTheSecond(clock);
        var errors = Check(request, now);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        return await database.ChangeAsync<OutageRow, Results<Ok<OutageView>, NotFound, ForbidHttpResult, ProblemHttpResult>>(
            user, unitOfWork => OutageStore.LoadAsync(unitOfWork, outageId, forUpdate: true),
            (unitOfWork, before) => ApplyChangeAsync(unitOfWork, before, request, user, now), () => TypedResults.NotFound(), cancellationToken);
    }

    private static async Task<Results<Ok<OutageView>, NotFound, ForbidHttpResult, ProblemHttpResult>> ApplyChangeAsync(
        UnitOfWork unitOfWork, OutageRow before, OutageRequest request, CurrentUser user, DateTimeOffset now)
    {
        if (!MayRecord(user))
        {
            return TypedResults.Forbid();
        }

        var after = before with
        {
            Service = request.Service!.Trim(),
            StartedAt = Second(request.StartedAt!.Value),
            EndedAt = request.EndedAt is { } ended ? Second(ended) : null,
        };
        if (after == before)
        {
            return TypedResults.Ok(View(before));
        }

        after = after with { Revision = before.Revision + 1 };
        await OutageStore.UpdateAsync(unitOfWork, after);
        if (after.TicketId is { } ticketId && await TicketStore.LoadAsync(unitOfWork, ticketId) is { } ticket)
        {
            await TicketStore.AddHistoryAsync(unitOfWork, ticket, TicketAccess.Actor(user), now, "outage", Describe(before), Describe(after));
        }

        await RecordedAsync(unitOfWork, user, before.EndedAt is null && after.EndedAt is not null ? "outage.ended" : "outage.changed", before, after, now);
        return TypedResults.Ok(View(after));
    }

    /// <summary>Lists the contract's outages covering some of the month (by default the current one in the contract's zone), by start.</summary>
    public static Task<Results<Ok<OutageView[]>, NotFound, ForbidHttpResult, ProblemHttpResult>> ListAsync(
        Guid contractId, string? month, [AsParameters] TicketServices services, CancellationToken cancellationToken) =>
        InMonthAsync<OutageView[]>(contractId, month, services, cancellationToken, (period, outages, bands, now) =>
            [.. outages.Where(outage => Domain.Availability.Overlaps(outage.Outage, period, now)).Select(View)]);

    /// <summary>
    /// Computes each service's availability over the month: 24×7 time of the month in the calendar's zone, overlapping outages
    /// counted once, an open outage up to now; the band of the contract's penalty rules it falls in.
    /// </summary>
    public static Task<Results<Ok<ServiceAvailabilityView[]>, NotFound, ForbidHttpResult, ProblemHttpResult>> AvailabilityOfAsync(
        Guid contractId, string? month, [AsParameters] TicketServices services, CancellationToken cancellationToken) =>
        InMonthAsync<ServiceAvailabilityView[]>(contractId, month, services, cancellationToken, (period, outages, bands, now) =>
        {
            var rows = outages.ToDictionary(outage => outage.Id);
            return [.. Domain.Availability.Of(outages.Select(outage => outage.Outage), period, now, bands)
                .Select(service => new ServiceAvailabilityView(
                    service.Service, service.OutageSeconds, service.PeriodSeconds, service.AvailabilityPercent, service.Penalty,
                    [.. service.Outages.Select(outage => View(rows[outage.Id]))]))];
        });

    /// <summary>
    /// Reads the contract's outages of a month after the checks both reads share: the month's format (422), the contract
    /// visible (404), the caller's role (403). The month is cut in the zone of the terms in force when it starts, and
    /// their availability bands apply (for a month before the contract, its first version's).
    /// </summary>
    private static async Task<Results<Ok<T>, NotFound, ForbidHttpResult, ProblemHttpResult>> InMonthAsync<T>(
        Guid contractId, string? month, TicketServices services, CancellationToken cancellationToken,
        Func<MonthPeriod, IReadOnlyList<OutageRow>, IReadOnlyList<AvailabilityBand>, DateTimeOffset, T> answer)
    {
        var (database, user, _, terms, clock) = services;
        YearMonth? wanted = null;
        if (month is not null)
        {
            if (!Domain.Availability.TryParseMonth(month, out var parsed))
            {
                return Problems.Invalid("month", OutageMessages.MonthFormat);
            }

            wanted = parsed;
        }

        var now = clock.GetUtcNow();
        await using var unitOfWork = await database.ReadAsync(user, cancellationToken);
        if (await ContractReplica.ContractAsync(unitOfWork, contractId) is not { } contract)
        {
            return TypedResults.NotFound();
        }

        if (!MayRead(user))
        {
            return TypedResults.Forbid();
        }

        var (period, version) = await MonthOfContractAsync(unitOfWork, terms, contractId, wanted, now);
        var bands = version is { } number ? await OutageStore.AvailabilityBandsAsync(unitOfWork, contractId, number) : [];
        var outages = (await OutageStore.InMonthAsync(unitOfWork, contract.TenantId, contractId, period)).ToList();
        return TypedResults.Ok(answer(period, outages, bands, now));
    }

    private static async Task<(MonthPeriod Period, int? Version)> MonthOfContractAsync(
        UnitOfWork unitOfWork, ContractReplica terms, Guid contractId, YearMonth? wanted, DateTimeOffset now)
    {
        // Terms not replicated yet (events arrive in any order): UTC months and no bands until they are.
        if (await ContractReplica.VersionInForceAsync(unitOfWork, contractId, now) is not { } current)
        {
            var utc = wanted ?? Domain.Availability.MonthOf(DateTimeZone.Utc, now);
            return (Domain.Availability.MonthIn(DateTimeZone.Utc, utc), null);
        }

        var zone = (await terms.TermsAsync(unitOfWork, contractId, current)).Calendar.Zone;
        var month = wanted ?? Domain.Availability.MonthOf(zone, now);
        var period = Domain.Availability.MonthIn(zone, month);
        var version = await ContractReplica.VersionInForceAsync(unitOfWork, contractId, period.Start) ?? current;
        if (version != current)
        {
            var then = (await terms.TermsAsync(unitOfWork, contractId, version)).Calendar.Zone;
            period = then.Equals(zone) ? period : Domain.Availability.MonthIn(then, month);
        }

        return (period, version);
    }

    /// <summary>What is wrong with an outage as sent, each field named; instants are compared to the second.</summary>
    public static FieldErrors Check(OutageRequest request, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        TextRules.Check(errors, "service", request.Service, Domain.Availability.MaxServiceLength, required: true, missing: OutageMessages.ServiceRequired);
        var first = new DateTimeOffset(Domain.Availability.FirstYear, 1, 1, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset? started = null;
        if (request.StartedAt is not { } startedAt)
        {
            errors.Add("startedAt", OutageMessages.StartRequired);
        }
        else if (Second(startedAt) > now)
        {
            errors.Add("startedAt", OutageMessages.StartInFuture);
        }
        else if (startedAt < first)
        {
            errors.Add("startedAt", OutageMessages.StartTooEarly);
        }
        else
        {
            started = Second(startedAt);
        }

        if (request.EndedAt is { } endedAt)
        {
            if (Second(endedAt) > now)
            {
                errors.Add("endedAt", OutageMessages.EndInFuture);
            }
            else if (started is { } start && Second(endedAt) <= start)
            {
                errors.Add("endedAt", OutageMessages.EndBeforeStart);
            }
        }

        return errors;
    }

    internal static OutageView View(OutageRow outage) => new(
        outage.Id, outage.ContractId, outage.TicketId, outage.Service, outage.StartedAt, outage.EndedAt, outage.Revision, outage.RecordedBy,
        outage.RecordedAt);

    /// <summary>Whole seconds, as availability counts, in UTC.</summary>
    private static DateTimeOffset Second(DateTimeOffset instant) => Instants.ToTheSecond(instant.ToUniversalTime());

    private static string Describe(OutageRow outage) =>
        string.Create(CultureInfo.InvariantCulture, $"{outage.Service}: {outage.StartedAt:yyyy-MM-ddTHH:mm:ssZ} – {(outage.EndedAt is { } end ? end.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "ongoing")}");

    /// <summary>The audit entry and the event of a change, in the change's transaction.</summary>
    private static async Task RecordedAsync(UnitOfWork unitOfWork, CurrentUser user, string action, OutageRow? before, OutageRow after, DateTimeOffset now)
    {
        await AuditLog.WriteAsync(
            unitOfWork, after.TenantId, AuditLog.Actor.Of(user), action, "outage", after.Id, before is null ? null : View(before), View(after), after.ContractId);
        await unitOfWork.AddEventAsync(OutageStore.Recorded(after, now));
    }
}
