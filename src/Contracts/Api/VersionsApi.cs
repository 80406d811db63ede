using Infogerance.Contracts.Data;
using Infogerance.Contracts.Domain;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;

namespace Infogerance.Contracts.Api;

public sealed record VersionDetail(
    int Number, string Status, string Origin, DateOnly? EffectiveFrom, string? Reason, string? ProposedBy, string? ProposedSide,
    DateTimeOffset? ProposedAt, string? CountersignedBy, DateTimeOffset? CountersignedAt, Guid? EvolutionRequestId, ContractTerms Terms)
{
    public static VersionDetail From(VersionRow row) => new(
        row.Number, row.Status, row.Origin, row.EffectiveFrom, row.Reason, row.ProposedBy, row.ProposedSide, row.ProposedAt,
        row.CountersignedBy, row.CountersignedAt, row.EvolutionRequestId, row.ReadTerms());
}

public sealed record AmendmentRequest(DateOnly? EffectiveFrom, string? Reason);

/// <summary>
/// Versions of the terms: version 1 is drafted and frozen by signature; every later change is an amendment that
/// one side proposes and the other countersigns, in force from its effective date.
/// </summary>
public static class VersionsApi
{
    public static void MapVersionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{contractId:guid}/versions/{number:int}", GetAsync).RequireAuthorization(Policies.ContractReaders);
        app.MapGet("/{contractId:guid}/versions/compare", CompareAsync).RequireAuthorization(Policies.ContractReaders);
        app.MapPut("/{contractId:guid}/versions/{number:int}/terms", EditTermsAsync).RequireAuthorization(Policies.ContractManagers);
        app.MapPost("/{contractId:guid}/amendments", AmendAsync).RequireAuthorization(Policies.ContractManagers);
        app.MapPost("/{contractId:guid}/versions/{number:int}/propose", ProposeAsync).RequireAuthorization(Policies.ContractManagers);
        app.MapPost("/{contractId:guid}/versions/{number:int}/countersign", CountersignAsync).RequireAuthorization(Policies.ContractManagers);
        app.MapPost("/{contractId:guid}/versions/{number:int}/withdraw", WithdrawAsync).RequireAuthorization(Policies.ContractManagers);
    }

    public static Task<IResult> GetAsync(Guid contractId, int number, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        Caller.ReadAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
            await ContractStore.VersionAsync(unitOfWork, contract, number) is { } version
                ? TypedResults.Ok(VersionDetail.From(version))
                : TypedResults.NotFound());

    public static Task<IResult> CompareAsync(
        Guid contractId, int? from, int? to, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        Caller.ReadAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            if (from is null || to is null)
            {
                return Problems.Invalid(new Dictionary<string, string[]>() { [from is null ? "from" : "to"] = ["Give the two version numbers to compare."] });
            }

            var before = await ContractStore.VersionAsync(unitOfWork, contract, from.Value);
            var after = await ContractStore.VersionAsync(unitOfWork, contract, to.Value);
            return before is null || after is null
                ? TypedResults.NotFound()
                : TypedResults.Ok(TermsComparison.Compare(before.ReadTerms(), after.ReadTerms()).ToArray());
        });

    public static Task<IResult> EditTermsAsync(
        Guid contractId, int number, ContractTerms terms, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        Caller.ChangeAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            if (await ContractStore.VersionAsync(unitOfWork, contract, number) is not { } version)
            {
                return TypedResults.NotFound();
            }

            // Before signature the client writes its terms; an amendment is drafted by either side.
            if (version.Origin == "signature" && !Caller.IsClientManager(user))
            {
                return Caller.NotYourSide();
            }

            if (version.Status != "draft")
            {
                return Problems.Conflict($"Version {number} is {version.Status}: only a draft's terms can change.");
            }

            if (TermsRules.Check(terms) is { Count: > 0 } errors)
            {
                return Problems.Invalid(errors);
            }

            await unitOfWork.ExecuteAsync(
                "UPDATE contract_versions SET terms = @terms::jsonb WHERE tenant_id = @TenantId AND contract_id = @ContractId AND number = @number",
                new { contract.TenantId, contract.ContractId, number, terms = ContractStore.WriteTerms(terms) });
            await ContractStore.AuditAsync(unitOfWork, contract, Caller.Actor(user), "version.terms-changed", "version", contract.ContractId,
                new { Version = number, Changes = TermsComparison.Compare(version.ReadTerms(), terms) }, new { Version = number, Terms = terms });
            return TypedResults.Ok(VersionDetail.From((await ContractStore.VersionAsync(unitOfWork, contract, number))!));
        });

    public static Task<IResult> AmendAsync(
        Guid contractId, AmendmentRequest request, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        Caller.ChangeAsync(database, user, contractId, cancellationToken,
            (unitOfWork, contract) => OpenAmendmentAsync(unitOfWork, contract, user, request.EffectiveFrom, request.Reason, null));

    /// <summary>A new draft version copying the latest terms; shared with evolutions and renegotiation at term.</summary>
    public static async Task<IResult> OpenAmendmentAsync(
        UnitOfWork unitOfWork, ContractRow contract, CurrentUser user, DateOnly? effectiveFrom, string? reason, Guid? evolutionId)
    {
        if (!Phases.IsSigned(contract.Phase))
        {
            return Problems.Conflict("Amendments change signed contracts: edit the draft before signature, nothing after closure.");
        }

        var versions = (await ContractStore.VersionsAsync(unitOfWork, contract)).ToList();
        if (versions.Any(version => version.Status is "draft" or "proposed"))
        {
            return Problems.Conflict("An amendment is already under way: countersign or withdraw it first.");
        }

        var latest = ContractStore.Latest(versions)!;
        var errors = new Dictionary<string, string[]>();
        if (effectiveFrom is null)
        {
            errors["effectiveFrom"] = ["Give the date the amendment takes effect."];
        }
        else if (effectiveFrom < latest.EffectiveFrom)
        {
            errors["effectiveFrom"] = [$"An amendment cannot take effect before the version it amends ({latest.EffectiveFrom:yyyy-MM-dd})."];
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 2000)
        {
            errors["reason"] = ["Say why the contract changes (up to 2,000 characters)."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var number = await ContractStore.InsertVersionAsync(
            unitOfWork, contract, "draft", "amendment", latest.ReadTerms(), effectiveFrom, reason!.Trim(), evolutionId);
        await ContractStore.AuditAsync(unitOfWork, contract, Caller.Actor(user), "version.amendment-opened", "version", contract.ContractId,
            null, new { Version = number, EffectiveFrom = effectiveFrom, Reason = reason, EvolutionRequestId = evolutionId });
        var created = await ContractStore.VersionAsync(unitOfWork, contract, number);
        return TypedResults.Created($"/{contract.ContractId}/versions/{number}", VersionDetail.From(created!));
    }

    public static Task<IResult> ProposeAsync(Guid contractId, int number, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        Caller.ChangeAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            if (await AmendmentAsync(unitOfWork, contract, number) is not { } version)
            {
                return TypedResults.NotFound();
            }

            if (version.Status != "draft")
            {
                return Problems.Conflict($"Version {number} is {version.Status}: only a draft can be proposed.");
            }

            if (TermsRules.Check(version.ReadTerms()) is { Count: > 0 } errors)
            {
                return Problems.Invalid(errors.ToDictionary(error => $"terms.{error.Key}", error => error.Value));
            }

            var side = Caller.SideOf(user);
            await unitOfWork.ExecuteAsync(
                """
                UPDATE contract_versions SET status = 'proposed', proposed_by = @name, proposed_side = @side, proposed_at = now()
                WHERE tenant_id = @TenantId AND contract_id = @ContractId AND number = @number
                """,
                new { contract.TenantId, contract.ContractId, number, name = user.Name, side });
            await ContractStore.AuditAsync(unitOfWork, contract, Caller.Actor(user), "version.proposed", "version", contract.ContractId,
                new { Version = number, Status = "draft" }, new { Version = number, Status = "proposed", Side = side });
            await ContractStore.NotifyAsync(unitOfWork, contract, Sides.Other(side), "amendmentProposed",
                new { contract.Reference, Version = number, ProposedBy = user.Name });
            return TypedResults.Ok(VersionDetail.From((await ContractStore.VersionAsync(unitOfWork, contract, number))!));
        });

    /// <summary>The other side agrees: the amendment is in force from its effective date.</summary>
    public static Task<IResult> CountersignAsync(
        Guid contractId, int number, CurrentUser user, Database database, TimeProvider clock, CancellationToken cancellationToken) =>
        Caller.ChangeAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            if (await AmendmentAsync(unitOfWork, contract, number) is not { } version)
            {
                return TypedResults.NotFound();
            }

            if (version.Status != "proposed")
            {
                return Problems.Conflict($"Version {number} is {version.Status}: only a proposed amendment can be countersigned.");
            }

            if (version.ProposedSide == Caller.SideOf(user))
            {
                return Problems.Conflict($"The {version.ProposedSide} side proposed this amendment: the other side countersigns it.");
            }

            await unitOfWork.ExecuteAsync(
                """
                UPDATE contract_versions SET status = 'active', countersigned_by = @name, countersigned_at = now()
                WHERE tenant_id = @TenantId AND contract_id = @ContractId AND number = @number
                """,
                new { contract.TenantId, contract.ContractId, number, name = user.Name });
            await ContractStore.AuditAsync(unitOfWork, contract, Caller.Actor(user), "version.countersigned", "version", contract.ContractId,
                new { Version = number, Status = "proposed" }, new { Version = number, Status = "active", version.EffectiveFrom });
            var terms = version.ReadTerms();
            await ContractStore.AnnounceVersionAsync(unitOfWork, contract, number, version.EffectiveFrom!.Value, terms);
            await ContractStore.ScheduleNoticeAsync(unitOfWork, contract, ContractsApi.Today(clock));
            if (version.EvolutionRequestId is { } evolutionId)
            {
                await unitOfWork.ExecuteAsync(
                    "UPDATE evolution_requests SET amendment_version = @number, updated_at = now() WHERE tenant_id = @TenantId AND contract_id = @ContractId AND evolution_id = @evolutionId",
                    new { contract.TenantId, contract.ContractId, number, evolutionId });
            }

            return TypedResults.Ok(VersionDetail.From((await ContractStore.VersionAsync(unitOfWork, contract, number))!));
        });

    public static Task<IResult> WithdrawAsync(Guid contractId, int number, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        Caller.ChangeAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            if (await AmendmentAsync(unitOfWork, contract, number) is not { } version)
            {
                return TypedResults.NotFound();
            }

            if (version.Status is not ("draft" or "proposed"))
            {
                return Problems.Conflict($"Version {number} is {version.Status}: only an amendment under way can be withdrawn.");
            }

            await unitOfWork.ExecuteAsync(
                "UPDATE contract_versions SET status = 'withdrawn' WHERE tenant_id = @TenantId AND contract_id = @ContractId AND number = @number",
                new { contract.TenantId, contract.ContractId, number });
            await ContractStore.AuditAsync(unitOfWork, contract, Caller.Actor(user), "version.withdrawn", "version", contract.ContractId,
                new { Version = number, version.Status }, new { Version = number, Status = "withdrawn" });
            return TypedResults.Ok(VersionDetail.From((await ContractStore.VersionAsync(unitOfWork, contract, number))!));
        });

    /// <summary>Version 1 is signed, not amended: these steps concern later versions only.</summary>
    private static async Task<VersionRow?> AmendmentAsync(UnitOfWork unitOfWork, ContractRow contract, int number) =>
        await ContractStore.VersionAsync(unitOfWork, contract, number) is { Origin: "amendment" } version ? version : null;
}
