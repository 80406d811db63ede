using Infogerance.Contracts.Data;
using Infogerance.Contracts.Domain;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Contracts.Api;

/// <summary>A version of the terms with its whole terms, its origin (signature, amendment, revision) and who signed it.</summary>
public sealed record VersionDetail(
    int Number, string Status, string Origin, DateOnly? EffectiveFrom, string? Reason, string? ProposedBy, string? ProposedSide,
    DateTimeOffset? ProposedAt, string? CountersignedBy, DateTimeOffset? CountersignedAt, Guid? EvolutionRequestId, ContractTerms Terms)
{
    public static VersionDetail From(VersionRow row, string? status = null) => new(
        row.Number, status ?? row.Status, row.Origin, row.EffectiveFrom, row.Reason, row.ProposedBy, row.ProposedSide, row.ProposedAt,
        row.CountersignedBy, row.CountersignedAt, row.EvolutionRequestId, row.ReadTerms());
}

/// <summary>When the amendment takes effect and why the contract changes.</summary>
public sealed record AmendmentRequest(DateOnly? EffectiveFrom, string? Reason);

/// <summary>
/// Versions of the terms: version 1 is drafted and frozen by signature; every later change is an amendment that
/// one side proposes and the other countersigns, in force from its effective date.
/// </summary>
public static class VersionsApi
{
    public const int MaxReasonLength = 2_000;

    public static void MapVersionsApi(this IEndpointRouteBuilder app)
    {
        var contract = app.MapGroup("/{contractId:guid}").RequireAuthorization(Policies.ContractReaders);
        contract.MapGet("/versions/{number:int}", GetAsync);
        contract.MapGet("/versions/compare", CompareAsync);
        contract.MapPut("/versions/{number:int}/terms", EditTermsAsync).RequireAuthorization(Policies.ContractManagers);
        contract.MapPost("/amendments", AmendAsync).RequireAuthorization(Policies.ContractManagers);
        contract.MapPost("/versions/{number:int}/propose", ProposeAsync).RequireAuthorization(Policies.ContractManagers);
        contract.MapPost("/versions/{number:int}/countersign", CountersignAsync).RequireAuthorization(Policies.ContractManagers);
        contract.MapPost("/versions/{number:int}/withdraw", WithdrawAsync).RequireAuthorization(Policies.ContractManagers);
    }

    /// <summary>Returns one version of the terms.</summary>
    public static Task<Results<Ok<VersionDetail>, NotFound>> GetAsync(
        Guid contractId, int number, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ReadAsync<Results<Ok<VersionDetail>, NotFound>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
            await DetailAsync(unitOfWork, contract, number, services.Today) is { } version
                ? TypedResults.Ok(version)
                : TypedResults.NotFound(), cancellationToken);

    /// <summary>Compares two versions' terms field by field.</summary>
    public static Task<Results<Ok<FieldChange[]>, NotFound, ProblemHttpResult>> CompareAsync(
        Guid contractId, int? from, int? to, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ReadAsync<Results<Ok<FieldChange[]>, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            if (from is null || to is null)
            {
                return Problems.Invalid(from is null ? "from" : "to", ContractMessages.CompareTwoVersions);
            }

            var before = await ContractStore.VersionAsync(unitOfWork, contract, from.Value);
            var after = await ContractStore.VersionAsync(unitOfWork, contract, to.Value);
            return before is null || after is null
                ? TypedResults.NotFound()
                : TypedResults.Ok(TermsComparison.Compare(before.ReadTerms(), after.ReadTerms()).ToArray());
        }, cancellationToken);

    /// <summary>Rewrites a draft version's terms: the client's before signature, either side's in an amendment.</summary>
    public static Task<Results<Ok<VersionDetail>, NotFound, ForbidHttpResult, ProblemHttpResult>> EditTermsAsync(
        Guid contractId, int number, ContractTerms terms, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ChangeAsync<Results<Ok<VersionDetail>, NotFound, ForbidHttpResult, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            if (await ContractStore.VersionAsync(unitOfWork, contract, number) is not { } version)
            {
                return TypedResults.NotFound();
            }

            // Before signature the client writes its terms; an amendment is drafted by either side.
            if (version.Origin == "signature" && !ContractAccess.IsClientManager(services.User))
            {
                return TypedResults.Forbid();
            }

            if (version.Status != "draft")
            {
                return Problems.Conflict(ContractMessages.OnlyDraftTermsChange(number, version.Status));
            }

            if (TermsRules.Check(terms) is { IsEmpty: false } errors)
            {
                return Problems.Invalid(errors);
            }

            await ContractStore.UpdateTermsAsync(unitOfWork, contract, number, terms);
            await ContractStore.AuditAsync(unitOfWork, contract, AuditLog.Actor.Of(services.User), "version.terms-changed", "version", contract.ContractId,
                new { Version = number, Changes = TermsComparison.Compare(version.ReadTerms(), terms) }, new { Version = number, Terms = terms });
            return TypedResults.Ok((await DetailAsync(unitOfWork, contract, number, services.Today))!);
        }, cancellationToken);

    /// <summary>Opens an amendment: a draft version copying the latest terms, to take effect on the date given.</summary>
    public static Task<Results<Created<VersionDetail>, NotFound, ProblemHttpResult>> AmendAsync(
        Guid contractId, AmendmentRequest request, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ChangeAsync<Results<Created<VersionDetail>, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            var (created, refusal) = await OpenAmendmentAsync(unitOfWork, contract, services.User, request.EffectiveFrom, request.Reason, null);
            return refusal is null ? created! : refusal;
        }, cancellationToken);

    /// <summary>
    /// A new draft version copying the latest terms; shared with evolutions and renegotiation at term. Either the
    /// version created or why not.
    /// </summary>
    public static async Task<(Created<VersionDetail>? Created, ProblemHttpResult? Refusal)> OpenAmendmentAsync(
        UnitOfWork unitOfWork, ContractRow contract, CurrentUser user, DateOnly? effectiveFrom, string? reason, Guid? evolutionId)
    {
        if (!Phases.IsSigned(contract.Phase))
        {
            return (null, Problems.Conflict(ContractMessages.AmendmentsNeedSignature));
        }

        var versions = (await ContractStore.VersionsAsync(unitOfWork, contract)).ToList();
        if (versions.Any(version => version.Status is "draft" or "proposed"))
        {
            return (null, Problems.Conflict(ContractMessages.AmendmentUnderWay));
        }

        var latest = ContractStore.Latest(versions)!;
        var errors = new FieldErrors();
        if (effectiveFrom is null)
        {
            errors.Add("effectiveFrom", ContractMessages.EffectiveFromRequired);
        }
        else if (effectiveFrom < latest.EffectiveFrom)
        {
            errors.Add("effectiveFrom", ContractMessages.EffectiveBeforeAmended(latest.EffectiveFrom!.Value));
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
        {
            errors.Add("reason", ContractMessages.AmendmentReason(MaxReasonLength));
        }

        if (!errors.IsEmpty)
        {
            return (null, Problems.Invalid(errors));
        }

        var number = await ContractStore.InsertVersionAsync(
            unitOfWork, contract, "draft", "amendment", latest.ReadTerms(), effectiveFrom, reason!.Trim(), evolutionId);
        await ContractStore.AuditAsync(unitOfWork, contract, AuditLog.Actor.Of(user), "version.amendment-opened", "version", contract.ContractId,
            null, new { Version = number, EffectiveFrom = effectiveFrom, Reason = reason, EvolutionRequestId = evolutionId });
        var created = await ContractStore.VersionAsync(unitOfWork, contract, number);
        return (TypedResults.Created($"/{contract.ContractId}/versions/{number}", VersionDetail.From(created!)), null);
    }

    /// <summary>Proposes a draft amendment to the other side, whose managers are notified.</summary>
    public static Task<Results<Ok<VersionDetail>, NotFound, ProblemHttpResult>> ProposeAsync(
        Guid contractId, int number, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ChangeAsync<Results<Ok<VersionDetail>, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            var user = services.User;
            if (await AmendmentAsync(unitOfWork, contract, number) is not { } version)
            {
                return TypedResults.NotFound();
            }

            if (version.Status != "draft")
            {
                return Problems.Conflict(ContractMessages.OnlyDraftProposed(number, version.Status));
            }

            if (TermsRules.Check(version.ReadTerms()) is { IsEmpty: false } errors)
            {
                return Problems.Invalid(new FieldErrors().AddAll(errors, "terms."));
            }

            var side = Sides.Of(user);
            await ContractStore.ProposeVersionAsync(unitOfWork, contract, number, user.Name, side);
            await ContractStore.AuditAsync(unitOfWork, contract, AuditLog.Actor.Of(user), "version.proposed", "version", contract.ContractId,
                new { Version = number, Status = "draft" }, new { Version = number, Status = "proposed", Side = side });
            await unitOfWork.AddEventAsync(new AmendmentProposed
            {
                TenantId = contract.TenantId, ContractId = contract.ContractId, VersionNumber = number, ProposingSide = side,
                ProposedBy = user.Name, ProposedById = user.Id, EffectiveFrom = version.EffectiveFrom,
            });
            return TypedResults.Ok((await DetailAsync(unitOfWork, contract, number, services.Today))!);
        }, cancellationToken);

    /// <summary>The other side agrees: the amendment is in force from its effective date.</summary>
    public static Task<Results<Ok<VersionDetail>, NotFound, ProblemHttpResult>> CountersignAsync(
        Guid contractId, int number, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ChangeAsync<Results<Ok<VersionDetail>, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            var user = services.User;
            if (await AmendmentAsync(unitOfWork, contract, number) is not { } version)
            {
                return TypedResults.NotFound();
            }

            if (version.Status != "proposed")
            {
                return Problems.Conflict(ContractMessages.OnlyProposedCountersigned(number, version.Status));
            }

            if (version.ProposedSide == Sides.Of(user))
            {
                return Problems.Conflict(ContractMessages.CountersignedByOtherSide(version.ProposedSide));
            }

            await ContractStore.CountersignVersionAsync(unitOfWork, contract, number, user.Name);
            await ContractStore.AuditAsync(unitOfWork, contract, AuditLog.Actor.Of(user), "version.countersigned", "version", contract.ContractId,
                new { Version = number, Status = "proposed" }, new { Version = number, Status = "active", version.EffectiveFrom });
            var terms = version.ReadTerms();
            await ContractStore.AnnounceVersionAsync(unitOfWork, contract, number, version.EffectiveFrom!.Value, terms);
            await ContractStore.ScheduleNoticeAsync(unitOfWork, contract, services.Today);
            await PriceRevisions.AfterVersionChangeAsync(unitOfWork, contract, services.Clock);
            if (version.EvolutionRequestId is { } evolutionId)
            {
                await EvolutionStore.LinkAmendmentAsync(unitOfWork, contract, evolutionId, number);
            }

            return TypedResults.Ok((await DetailAsync(unitOfWork, contract, number, services.Today))!);
        }, cancellationToken);

    /// <summary>Withdraws an amendment under way (draft or proposed).</summary>
    public static Task<Results<Ok<VersionDetail>, NotFound, ProblemHttpResult>> WithdrawAsync(
        Guid contractId, int number, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ChangeAsync<Results<Ok<VersionDetail>, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            if (await AmendmentAsync(unitOfWork, contract, number) is not { } version)
            {
                return TypedResults.NotFound();
            }

            if (version.Status is not ("draft" or "proposed"))
            {
                return Problems.Conflict(ContractMessages.OnlyUnderWayWithdrawn(number, version.Status));
            }

            await ContractStore.WithdrawVersionAsync(unitOfWork, contract, number);
            await ContractStore.AuditAsync(unitOfWork, contract, AuditLog.Actor.Of(services.User), "version.withdrawn", "version", contract.ContractId,
                new { Version = number, version.Status }, new { Version = number, Status = "withdrawn" });
            return TypedResults.Ok((await DetailAsync(unitOfWork, contract, number, services.Today))!);
        }, cancellationToken);

    /// <summary>A version with the status people read on <paramref name="today"/> (a countersigned one may be superseded or scheduled).</summary>
    public static async Task<VersionDetail?> DetailAsync(UnitOfWork unitOfWork, ContractRow contract, int number, DateOnly today)
    {
        var versions = (await ContractStore.VersionsAsync(unitOfWork, contract)).ToList();
        return versions.Find(version => version.Number == number) is { } found
            ? VersionDetail.From(found, ContractStore.Statuses(versions, today)[number])
            : null;
    }

    /// <summary>Version 1 is signed, not amended: these steps concern later versions only.</summary>
    private static async Task<VersionRow?> AmendmentAsync(UnitOfWork unitOfWork, ContractRow contract, int number) =>
        await ContractStore.VersionAsync(unitOfWork, contract, number) is { Origin: "amendment" } version ? version : null;
}
