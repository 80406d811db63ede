using Infogerance.Contracts.Data;
using Infogerance.Contracts.Domain;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Infogerance.ServiceLevels;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Contracts.Api;

/// <summary>An alert before the notice deadline: due <see cref="On"/>, raised at <see cref="RaisedAt"/> once it was.</summary>
public sealed record NoticeAlert(int DaysBefore, DateOnly On, DateTimeOffset? RaisedAt);

/// <summary>The client's decision at term: terminate, renew (with the revised monthly fee) or renegotiate.</summary>
public sealed record RenewalDecision(string Decision, string DecidedBy, DateTimeOffset DecidedAt, decimal? RevisedMonthlyFee);

/// <summary>Where the contract stands towards its next notice deadline: the period it ends, the deadline, the alerts and any decision.</summary>
public sealed record RenewalStatus(int PeriodIndex, DateOnly PeriodEnd, DateOnly NoticeDeadline, IReadOnlyList<NoticeAlert> Alerts, RenewalDecision? Decision);

/// <summary>The decision at term: terminate, renew or renegotiate.</summary>
public sealed record RenewalDecisionRequest(string? Decision);

/// <summary>Term, renewal and notice: where each contract stands and the decision at term.</summary>
public static class RenewalApi
{
    public static void MapRenewalApi(this IEndpointRouteBuilder app)
    {
        var renewal = app.MapGroup("").RequireAuthorization(Policies.ContractReaders);
        renewal.MapPost("/{contractId:guid}/renewal-decisions", DecideAsync).RequireAuthorization(Policies.ClientManagers);
    }

    /// <summary>The next notice deadline of a signed contract in force, its alerts and any decision taken; null otherwise (a terminated contract has none).</summary>
    public static async Task<RenewalStatus?> StatusAsync(UnitOfWork unitOfWork, ContractRow contract, IReadOnlyList<VersionRow> versions, DateOnly today)
    {
        if (!Phases.IsSigned(contract.Phase) || contract.TerminatesOn is not null || ContractStore.InForce(versions, today) is not { } inForce)
        {
            return null;
        }

        if (RenewalTerms.Of(inForce.ReadTerms()).Next(today) is not { } next)
        {
            return null;
        }

        var raised = await RenewalStore.AlertsRaisedAsync(unitOfWork, contract, next.PeriodIndex);
        var decision = await RenewalStore.DecisionAsync(unitOfWork, contract, next.PeriodIndex);
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
    public static Task<Results<Ok<VersionDetail>, Created<VersionDetail>, Ok<ContractDetail>, NotFound, ProblemHttpResult>> DecideAsync(
        Guid contractId, RenewalDecisionRequest request, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ChangeAsync<Results<Ok<VersionDetail>, Created<VersionDetail>, Ok<ContractDetail>, NotFound, ProblemHttpResult>>(
            contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            var user = services.User;
            if (request.Decision is not ("terminate" or "renew" or "renegotiate"))
            {
                return Problems.Invalid("decision", ContractMessages.RenewalDecisionChoice);
            }

            if (contract.Phase != Phases.Run)
            {
                return Problems.Conflict(ContractMessages.RenewalDuringRun);
            }

            var today = services.Today;
            var versions = (await ContractStore.VersionsAsync(unitOfWork, contract)).ToList();
            var status = await StatusAsync(unitOfWork, contract, versions, today);
            if (status is null)
            {
                return Problems.Conflict(ContractMessages.NoDeadlineLeft);
            }

            if (status.Decision is not null)
            {
                return Problems.Conflict(ContractMessages.DecisionRecorded(status.PeriodEnd, status.Decision.Decision));
            }

            var nextPeriodStart = status.PeriodEnd.AddDays(1);
            // The terms that will be in force when the new period begins, amendments already signed for it included.
            var terms = ContractStore.InForce(versions, nextPeriodStart)!.ReadTerms();
            decimal? revisedFee = null;
            Results<Ok<VersionDetail>, Created<VersionDetail>, Ok<ContractDetail>, NotFound, ProblemHttpResult> result;
            switch (request.Decision)
            {
                case "renew":
                    if (terms.RenewalPeriodMonths == 0)
                    {
                        return Problems.Conflict(ContractMessages.NoTacitRenewal);
                    }

                    if (versions.Any(version => version.Status is "draft" or "proposed"))
                    {
                        return Problems.Conflict(ContractMessages.RenewalWhileAmending);
                    }

                    if (versions.Any(version => version.Status == "active" && version.EffectiveFrom > nextPeriodStart))
                    {
                        return Problems.Conflict(ContractMessages.AmendmentAfterNewPeriod);
                    }

                    var revised = terms;
                    if (terms.Revision is { } clause)
                    {
                        var indices = await SyntecStore.AllAsync(unitOfWork);
                        var s0 = PriceRevision.OfMonth(indices, clause.ReferenceMonth);
                        var s = PriceRevision.LatestPublishedBefore(indices, nextPeriodStart);
                        if (s0 is null || s is null)
                        {
                            return Problems.Conflict(ContractMessages.SyntecIndexMissing(clause.ReferenceMonth));
                        }

                        // Each revision starts from the last revised prices and the index it used, so that
                        // successive renewals do not apply the same rise twice.
                        revised = terms with
                        {
                            Revision = clause with { ReferenceMonth = s.Month },
                            Prices = terms.Prices with
                            {
                                MonthlyFee = terms.Prices.MonthlyFee is { } fee ? PriceRevision.Revise(fee, clause, s0, s) : null,
                                WorkUnits = [.. terms.Prices.WorkUnits.Select(unit => unit with { UnitPrice = PriceRevision.Revise(unit.UnitPrice, clause, s0, s) })],
                            },
                        };
                    }

                    revisedFee = revised.Prices.MonthlyFee;
                    var number = await ContractStore.InsertVersionAsync(
                        unitOfWork, contract, "active", "revision", revised, nextPeriodStart, $"Reconduction tacite au {nextPeriodStart:yyyy-MM-dd}");
                    await ContractStore.AnnounceVersionAsync(unitOfWork, contract, number, nextPeriodStart, revised);
                    await PriceRevisions.AfterVersionChangeAsync(unitOfWork, contract, services.Clock);
                    result = TypedResults.Ok(VersionDetail.From((await ContractStore.VersionAsync(unitOfWork, contract, number))!));
                    break;
                case "renegotiate":
                    var (created, refusal) = await VersionsApi.OpenAmendmentAsync(
                        unitOfWork, contract, user, nextPeriodStart, $"Renégociation à l’échéance du {status.PeriodEnd:yyyy-MM-dd}", null);
                    if (refusal is not null)
                    {
                        return refusal;
                    }

                    result = created!;
                    break;
                default:
                    var ending = contract with { TerminatesOn = status.PeriodEnd, Handover = contract.Handover ?? "client" };
                    var moved = await ContractStore.ChangePhaseAsync(unitOfWork, ending, Phases.Reversibility, AuditLog.Actor.Of(user), new { TerminatesOn = status.PeriodEnd });
                    await ChecklistsApi.OpenChecklistAsync(unitOfWork, moved, Phases.Reversibility);
                    result = TypedResults.Ok(await ContractsApi.DetailAsync(unitOfWork, moved, user, today));
                    break;
            }

            await RenewalStore.InsertDecisionAsync(unitOfWork, contract, status.PeriodIndex, request.Decision, status.PeriodEnd, revisedFee, user.Name);
            await ContractStore.AuditAsync(unitOfWork, contract, AuditLog.Actor.Of(user), "renewal.decided", "contract", contract.ContractId, null,
                new { request.Decision, status.PeriodIndex, status.PeriodEnd, RevisedMonthlyFee = revisedFee });
            await unitOfWork.AddEventAsync(new RenewalDecided
            {
                TenantId = contract.TenantId,
                ContractId = contract.ContractId,
                Decision = request.Decision,
                PeriodEnd = status.PeriodEnd,
                RevisedMonthlyFee = revisedFee,
            });
            return result;
        }, cancellationToken);
}
