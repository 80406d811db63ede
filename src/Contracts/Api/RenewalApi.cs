using System.Text.Json;
using Infogerance.Contracts.Data;
using Infogerance.Contracts.Domain;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;

namespace Infogerance.Contracts.Api;

public sealed record NoticeAlert(int DaysBefore, DateOnly On, DateTimeOffset? RaisedAt);

public sealed record RenewalDecision(string Decision, string DecidedBy, DateTimeOffset DecidedAt, decimal? RevisedMonthlyFee);

public sealed record RenewalStatus(int PeriodIndex, DateOnly PeriodEnd, DateOnly NoticeDeadline, IReadOnlyList<NoticeAlert> Alerts, RenewalDecision? Decision);

public sealed record RenewalDecisionRequest(string? Decision);

public sealed record Notification(Guid Id, Guid ContractId, string Kind, JsonElement Data, DateTimeOffset CreatedAt, bool Read);

/// <summary>Term, renewal and notice: where each contract stands, the decision at term, and the in-app notifications.</summary>
public static class RenewalApi
{
    public static void MapRenewalApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/{contractId:guid}/renewal-decisions", DecideAsync).RequireAuthorization(Policies.ClientManagers);
        app.MapGet("/notifications", NotificationsAsync).RequireAuthorization(Policies.ContractReaders);
        app.MapPost("/notifications/{notificationId:guid}/read", MarkReadAsync).RequireAuthorization(Policies.ContractReaders);
    }

    public static RenewalTerms RenewalTermsOf(ContractTerms terms) =>
        new(terms.StartDate, terms.InitialTermMonths, terms.RenewalPeriodMonths, terms.NoticeMonths);

    /// <summary>The next notice deadline of a signed contract in force, its alerts and any decision taken; null otherwise (a terminated contract has none).</summary>
    public static async Task<RenewalStatus?> StatusAsync(UnitOfWork unitOfWork, ContractRow contract, IReadOnlyList<VersionRow> versions, DateOnly today)
    {
        if (!Phases.IsSigned(contract.Phase) || contract.TerminatesOn is not null || ContractStore.InForce(versions, today) is not { } inForce)
        {
            return null;
        }

        if (RenewalTermsOf(inForce.ReadTerms()).Next(today) is not { } next)
        {
            return null;
        }

        var raised = (await unitOfWork.QueryAsync<(int DaysBefore, DateTimeOffset RaisedAt)>(
                """
                SELECT days_before, raised_at FROM notice_alerts
                WHERE tenant_id = @TenantId AND contract_id = @ContractId AND period_index = @PeriodIndex
                """,
                new { contract.TenantId, contract.ContractId, next.PeriodIndex }))
            .ToDictionary(alert => alert.DaysBefore, alert => alert.RaisedAt);
        var decision = await unitOfWork.QuerySingleOrDefaultAsync<RenewalDecision>(
            """
            SELECT decision, decided_by, decided_at, revised_monthly_fee FROM renewal_decisions
            WHERE tenant_id = @TenantId AND contract_id = @ContractId AND period_index = @PeriodIndex
            """,
            new { contract.TenantId, contract.ContractId, next.PeriodIndex });
        return new RenewalStatus(
            next.PeriodIndex, next.LastDayOfPeriod, next.Deadline,
            [.. RenewalTerms.AlertDaysBefore.Zip(next.Alerts, (days, on) => new NoticeAlert(days, on, raised.TryGetValue(days, out var at) ? at : null))],
            decision);
    }

    /// <summary>
    /// The client's decision for the current period: terminate (the contract ends with the period and moves to
    /// reversibility), renew (a revision version with the Syntec-revised prices, in force from the next period), or
    /// renegotiate (an amendment opens).
    /// </summary>
    public static Task<IResult> DecideAsync(
        Guid contractId, RenewalDecisionRequest request, CurrentUser user, Database database, TimeProvider clock, CancellationToken cancellationToken) =>
        Caller.ChangeAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            if (request.Decision is not ("terminate" or "renew" or "renegotiate"))
            {
                return Caller.Invalid("decision", "Choose \"terminate\", \"renew\" or \"renegotiate\".");
            }

            if (contract.Phase != Phases.Run)
            {
                return Problems.Conflict("The decision at term is taken during the run phase.");
            }

            var today = ContractsApi.Today(clock);
            var versions = (await ContractStore.VersionsAsync(unitOfWork, contract)).ToList();
            var status = await StatusAsync(unitOfWork, contract, versions, today);
            if (status is null)
            {
                return Problems.Conflict("No notice deadline remains: the contract ends with its initial term.");
            }

            if (status.Decision is not null)
            {
                return Problems.Conflict($"The decision for the period ending {status.PeriodEnd:yyyy-MM-dd} is already recorded: {status.Decision.Decision}.");
            }

            var nextPeriodStart = status.PeriodEnd.AddDays(1);
            // The terms that will be in force when the new period begins, amendments already signed for it included.
            var terms = ContractStore.InForce(versions, nextPeriodStart)!.ReadTerms();
            decimal? revisedFee = null;
            IResult result;
            switch (request.Decision)
            {
                case "renew":
                    if (terms.RenewalPeriodMonths == 0)
                    {
                        return Problems.Conflict("The contract has no tacit renewal: renegotiate to extend it.");
                    }

                    if (versions.Any(version => version.Status is "draft" or "proposed"))
                    {
                        return Problems.Conflict("An amendment is under way: countersign or withdraw it before renewing.");
                    }

                    if (versions.Any(version => version.Status == "active" && version.EffectiveFrom > nextPeriodStart))
                    {
                        return Problems.Conflict("A signed amendment takes effect after the new period begins: renegotiate instead.");
                    }

                    var revised = terms;
                    if (terms.Revision is { } clause)
                    {
                        var indices = await IndicesApi.AllAsync(unitOfWork);
                        var s0 = indices.Where(index => index.Month == clause.ReferenceMonth).OrderByDescending(index => index.Series == SyntecSeries.New).FirstOrDefault();
                        var s = PriceRevision.LatestPublishedBefore(indices, nextPeriodStart);
                        if (s0 is null || s is null)
                        {
                            return Problems.Conflict($"The Syntec index of {clause.ReferenceMonth} or a recent one is missing: ask an Operator to publish it.");
                        }

                        // Each revision starts from the last revised prices and the index it used, so that
                        // successive renewals do not apply the same rise twice.
                        revised = terms with
                        {
                            Revision = clause with { ReferenceMonth = s.Month },
                            Prices = terms.Prices with
                            {
                                MonthlyFee = PriceRevision.Revise(terms.Prices.MonthlyFee, clause, s0, s),
                                WorkUnits = [.. terms.Prices.WorkUnits.Select(unit => unit with { UnitPrice = PriceRevision.Revise(unit.UnitPrice, clause, s0, s) })],
                            },
                        };
                    }

                    revisedFee = revised.Prices.MonthlyFee;
                    var number = await ContractStore.InsertVersionAsync(
                        unitOfWork, contract, "active", "revision", revised, nextPeriodStart, $"Reconduction tacite au {nextPeriodStart:yyyy-MM-dd}");
                    await ContractStore.AnnounceVersionAsync(unitOfWork, contract, number, nextPeriodStart, revised);
                    result = TypedResults.Ok(VersionDetail.From((await ContractStore.VersionAsync(unitOfWork, contract, number))!));
                    break;
                case "renegotiate":
                    result = await VersionsApi.OpenAmendmentAsync(
                        unitOfWork, contract, user, nextPeriodStart, $"Renégociation à l’échéance du {status.PeriodEnd:yyyy-MM-dd}", null);
                    if (result is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
                    {
                        return result;
                    }

                    break;
                default:
                    var ending = contract with { TerminatesOn = status.PeriodEnd, Handover = contract.Handover ?? "client" };
                    var moved = await ContractStore.ChangePhaseAsync(unitOfWork, ending, Phases.Reversibility, Caller.Actor(user), new { TerminatesOn = status.PeriodEnd });
                    await ChecklistsApi.OpenChecklistAsync(unitOfWork, moved, Phases.Reversibility);
                    result = TypedResults.Ok(await ContractsApi.DetailAsync(unitOfWork, moved, user, today));
                    break;
            }

            await unitOfWork.ExecuteAsync(
                """
                INSERT INTO renewal_decisions (tenant_id, contract_id, period_index, decision, period_end, revised_monthly_fee, decided_by, decided_at)
                VALUES (@TenantId, @ContractId, @PeriodIndex, @Decision, @PeriodEnd, @revisedFee, @name, now())
                """,
                new { contract.TenantId, contract.ContractId, status.PeriodIndex, request.Decision, status.PeriodEnd, revisedFee, name = user.Name });
            await ContractStore.AuditAsync(unitOfWork, contract, Caller.Actor(user), "renewal.decided", "contract", contract.ContractId, null,
                new { request.Decision, status.PeriodIndex, status.PeriodEnd, RevisedMonthlyFee = revisedFee });
            await unitOfWork.AddEventAsync(new RenewalDecided
            {
                TenantId = contract.TenantId,
                ContractId = contract.ContractId,
                Decision = request.Decision,
                PeriodEnd = status.PeriodEnd,
                RevisedMonthlyFee = revisedFee,
            });
            await ContractStore.NotifyAsync(unitOfWork, contract, Sides.Provider, "renewalDecided",
                new { contract.Reference, request.Decision, status.PeriodEnd, RevisedMonthlyFee = revisedFee });
            return result;
        });

    /// <summary>The caller's notifications: a client's users read their tenant's, a provider's those addressed to the provider side.</summary>
    public static async Task<IResult> NotificationsAsync(CurrentUser user, Database database, CancellationToken cancellationToken, int limit = 50)
    {
        if (limit is < 1 or > 200)
        {
            return Caller.Invalid("limit", "Between 1 and 200.");
        }

        await using var unitOfWork = await database.BeginAsync(user, cancellationToken);
        var rows = await unitOfWork.QueryAsync<(Guid Id, Guid ContractId, string Kind, string Data, DateTimeOffset CreatedAt, bool Read)>(
            """
            SELECT n.notification_id, n.contract_id, n.kind, n.data::text, n.created_at,
                   EXISTS (SELECT 1 FROM notification_reads r
                           WHERE r.tenant_id = n.tenant_id AND r.contract_id = n.contract_id AND r.notification_id = n.notification_id AND r.user_id = @Id) AS read
            FROM notifications n
            WHERE n.audience IN ('both', @side)
            ORDER BY n.created_at DESC, n.notification_id DESC
            LIMIT @limit
            """,
            new { user.Id, side = Caller.SideOf(user), limit });
        return TypedResults.Ok(rows.Select(row => new Notification(
            row.Id, row.ContractId, row.Kind, JsonDocument.Parse(row.Data).RootElement.Clone(), row.CreatedAt, row.Read)).ToArray());
    }

    public static async Task<IResult> MarkReadAsync(Guid notificationId, CurrentUser user, Database database, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.BeginAsync(user, cancellationToken);
        var marked = await unitOfWork.ExecuteAsync(
            """
            INSERT INTO notification_reads (tenant_id, contract_id, notification_id, user_id, read_at)
            SELECT tenant_id, contract_id, notification_id, @Id, now() FROM notifications
            WHERE notification_id = @notificationId AND audience IN ('both', @side)
            ON CONFLICT DO NOTHING
            """,
            new { user.Id, notificationId, side = Caller.SideOf(user) });
        var exists = marked > 0 || await unitOfWork.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM notifications WHERE notification_id = @notificationId AND audience IN ('both', @side))",
            new { notificationId, side = Caller.SideOf(user) });
        await unitOfWork.CommitAsync();
        return exists ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
