using Infogerance.Contracts.Data;
using Infogerance.Contracts.Domain;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Npgsql;

namespace Infogerance.Contracts.Api;

public sealed record ContractSummary(
    Guid Id, Guid TenantId, Guid ProviderOrganisationId, string Reference, string Title, string Phase, int? CurrentVersion,
    decimal MonthlyFee, DateOnly StartDate, DateOnly? NextPeriodEnd, DateOnly? NoticeDeadline);

public sealed record VersionSummary(
    int Number, string Status, string Origin, DateOnly? EffectiveFrom, string? Reason, string? ProposedBy, string? ProposedSide,
    DateTimeOffset? ProposedAt, string? CountersignedBy, DateTimeOffset? CountersignedAt, Guid? EvolutionRequestId)
{
    public static VersionSummary From(VersionRow row) => new(
        row.Number, row.Status, row.Origin, row.EffectiveFrom, row.Reason, row.ProposedBy, row.ProposedSide, row.ProposedAt,
        row.CountersignedBy, row.CountersignedAt, row.EvolutionRequestId);
}

public sealed record Closure(string Phase, string Side, string AcceptedBy, DateTimeOffset AcceptedAt);

public sealed record ContractDetail(
    Guid Id, Guid TenantId, Guid ProviderOrganisationId, string Reference, string Title, string Phase, int? CurrentVersion,
    decimal MonthlyFee, DateOnly StartDate, DateOnly? NextPeriodEnd, DateOnly? NoticeDeadline,
    DateTimeOffset CreatedAt, DateTimeOffset? SignedAt, string? SignedBy, DateOnly? TerminatesOn, DateOnly? ClosedOn, string? Handover,
    IReadOnlyList<VersionSummary> Versions, IReadOnlyList<Closure> Closures, RenewalStatus? Renewal, IReadOnlyList<string> Can);

public sealed record CreateContractRequest(string? Reference, string? Title, Guid? ProviderOrganisationId);

public sealed record TransitionRequest(string? To, string? Handover);

/// <summary>The contract itself: drafting, signature and its phases.</summary>
public static class ContractsApi
{
    public static void MapContractsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", ListAsync).RequireAuthorization(Policies.ContractReaders);
        app.MapPost("/", CreateAsync).RequireAuthorization(Policies.ClientManagers);
        app.MapGet("/{contractId:guid}", GetAsync).RequireAuthorization(Policies.ContractReaders);
        app.MapPost("/{contractId:guid}/sign", SignAsync).RequireAuthorization(Policies.ClientManagers);
        app.MapPost("/{contractId:guid}/transitions", TransitionAsync).RequireAuthorization(Policies.ContractManagers);
        app.MapPost("/{contractId:guid}/phases/{phase}/close", CloseAsync).RequireAuthorization(Policies.ContractManagers);
    }

    public static async Task<IResult> ListAsync(CurrentUser user, Database database, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var unitOfWork = await database.BeginAsync(user, cancellationToken);
        var today = Today(clock);
        var versions = (await unitOfWork.QueryAsync<(Guid ContractId, int Number, string Status, string Terms, DateOnly? EffectiveFrom)>(
                "SELECT contract_id, number, status, terms::text AS terms, effective_from FROM contract_versions WHERE status <> 'withdrawn'"))
            .ToLookup(row => row.ContractId);
        var contracts = await ContractStore.ListAsync(unitOfWork);
        return TypedResults.Ok(contracts.Select(contract =>
        {
            var rows = versions[contract.ContractId].Select(row => new VersionRow(
                row.Number, row.Status, "", row.Terms, row.EffectiveFrom, null, null, null, null, null, null, null, default)).ToList();
            return Summarise(contract, rows, today);
        }).ToArray());
    }

    public static async Task<IResult> CreateAsync(CreateContractRequest request, CurrentUser user, Database database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var reference = request.Reference?.Trim() ?? "";
        var title = request.Title?.Trim() ?? "";
        if (reference.Length is 0 or > 50)
        {
            errors["reference"] = ["A reference of 1 to 50 characters is required."];
        }

        if (title.Length is 0 or > 200)
        {
            errors["title"] = ["A title of 1 to 200 characters is required."];
        }

        if (request.ProviderOrganisationId is not { } provider || provider == Guid.Empty || provider == user.OrganisationId)
        {
            errors["providerOrganisationId"] = ["Choose the provider organisation."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        await using var unitOfWork = await database.BeginAsync(user.OrganisationId, cancellationToken);
        var contract = new ContractRow(
            user.OrganisationId, Guid.CreateVersion7(), reference, title, request.ProviderOrganisationId!.Value, Phases.Draft, null,
            clock.GetUtcNow(), user.Name, null, null, null, null, RowVersion: 1);
        try
        {
            await unitOfWork.ExecuteAsync(
                """
                INSERT INTO contracts (tenant_id, contract_id, reference, title, provider_organisation_id, phase, created_at, created_by, row_version)
                VALUES (@TenantId, @ContractId, @Reference, @Title, @ProviderOrganisationId, @Phase, @CreatedAt, @CreatedBy, @RowVersion)
                """,
                contract);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return Problems.Conflict($"A contract with the reference \"{reference}\" already exists.");
        }

        var today = Today(clock);
        var terms = DefaultTerms.For(new DateOnly(today.Year, today.Month, 1).AddMonths(1));
        await ContractStore.InsertVersionAsync(unitOfWork, contract, "draft", "signature", terms, null, null);
        await ContractStore.AuditAsync(unitOfWork, contract, Caller.Actor(user), "contract.created", "contract", contract.ContractId, null,
            new { contract.Reference, contract.Title, contract.ProviderOrganisationId });
        // The provider sees the draft from the start: it answers the requirements and proposes its terms.
        await ContractStore.AnnouncePartiesAsync(unitOfWork, contract);
        var detail = await DetailAsync(unitOfWork, contract, user, today);
        await unitOfWork.CommitAsync();
        return TypedResults.Created($"/{contract.ContractId}", detail);
    }

    public static Task<IResult> GetAsync(Guid contractId, CurrentUser user, Database database, TimeProvider clock, CancellationToken cancellationToken) =>
        Caller.ReadAsync(database, user, contractId, cancellationToken,
            async (unitOfWork, contract) => TypedResults.Ok(await DetailAsync(unitOfWork, contract, user, Today(clock))));

    /// <summary>The client signs: version 1 is frozen and in force from the start date.</summary>
    public static Task<IResult> SignAsync(Guid contractId, CurrentUser user, Database database, TimeProvider clock, CancellationToken cancellationToken) =>
        Caller.ChangeAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            if (contract.Phase != Phases.Draft)
            {
                return Problems.Conflict("Only a draft can be signed; later changes are amendments.");
            }

            var draft = await ContractStore.VersionAsync(unitOfWork, contract, 1);
            var terms = draft!.ReadTerms();
            if (TermsRules.Check(terms) is { Count: > 0 } errors)
            {
                return Problems.Invalid(errors.ToDictionary(error => $"terms.{error.Key}", error => error.Value));
            }

            await unitOfWork.ExecuteAsync(
                """
                UPDATE contract_versions SET status = 'active', effective_from = @StartDate, countersigned_by = @name, countersigned_at = now()
                WHERE tenant_id = @TenantId AND contract_id = @ContractId AND number = 1
                """,
                new { contract.TenantId, contract.ContractId, terms.StartDate, name = user.Name });
            var signed = await ContractStore.ChangePhaseAsync(
                unitOfWork, contract with { SignedAt = clock.GetUtcNow(), SignedBy = user.Name }, Phases.Signed, Caller.Actor(user));
            await unitOfWork.AddEventAsync(new ContractSigned
            {
                TenantId = contract.TenantId,
                ContractId = contract.ContractId,
                ProviderOrganisationId = contract.ProviderOrganisationId,
                Reference = contract.Reference,
                StartDate = terms.StartDate,
            });
            await ContractStore.AnnounceVersionAsync(unitOfWork, contract, 1, terms.StartDate, terms);
            await ContractStore.ScheduleNoticeAsync(unitOfWork, contract, Today(clock));
            return TypedResults.Ok(await DetailAsync(unitOfWork, signed, user, Today(clock)));
        });

    public static Task<IResult> TransitionAsync(
        Guid contractId, TransitionRequest request, CurrentUser user, Database database, TimeProvider clock, CancellationToken cancellationToken) =>
        Caller.ChangeAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            var to = request.To ?? "";
            if (!Phases.All.Contains(to))
            {
                return Caller.Invalid("to", $"One of: {string.Join(", ", Phases.All)}.");
            }

            if (to == Phases.Reversibility && request.Handover is not ("client" or "newProvider"))
            {
                return Caller.Invalid("handover", "Say who takes the service back: \"client\" or \"newProvider\".");
            }

            var workstreams = await unitOfWork.QueryAsync<int>(
                "SELECT progress FROM workstreams WHERE tenant_id = @TenantId AND contract_id = @ContractId", contract);
            var facts = new Phases.Facts(workstreams.Count(), workstreams.Count(progress => progress < 100));
            if (Phases.RefuseTransition(contract.Phase, to, facts) is { } refusal)
            {
                return Problems.Conflict(refusal);
            }

            var changed = await ContractStore.ChangePhaseAsync(
                unitOfWork, contract with { Handover = to == Phases.Reversibility ? request.Handover : contract.Handover }, to, Caller.Actor(user),
                request.Handover is null ? null : new { request.Handover });
            await ChecklistsApi.OpenChecklistAsync(unitOfWork, changed, to);
            return TypedResults.Ok(await DetailAsync(unitOfWork, changed, user, Today(clock)));
        });

    /// <summary>One side accepts that the phase is complete; the second acceptance moves the contract on.</summary>
    public static Task<IResult> CloseAsync(
        Guid contractId, string phase, CurrentUser user, Database database, TimeProvider clock, CancellationToken cancellationToken) =>
        Caller.ChangeAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            var counts = await unitOfWork.QuerySingleOrDefaultAsync<(long Items, long Pending)>(
                """
                SELECT count(*), count(*) FILTER (WHERE client_accepted_at IS NULL OR provider_accepted_at IS NULL)
                FROM checklist_items WHERE tenant_id = @TenantId AND contract_id = @ContractId AND phase = @phase
                """,
                new { contract.TenantId, contract.ContractId, phase });
            if (Phases.RefuseClosure(contract.Phase, phase, (int)counts.Items, (int)counts.Pending) is { } refusal)
            {
                return Problems.Conflict(refusal);
            }

            var side = Caller.SideOf(user);
            var recorded = await unitOfWork.ExecuteAsync(
                """
                INSERT INTO phase_closures (tenant_id, contract_id, phase, side, accepted_by, accepted_at)
                VALUES (@TenantId, @ContractId, @phase, @side, @name, now())
                ON CONFLICT DO NOTHING
                """,
                new { contract.TenantId, contract.ContractId, phase, side, name = user.Name });
            if (recorded == 0)
            {
                return Problems.Conflict($"The {side} side has already accepted the closure of the {phase} phase.");
            }

            await ContractStore.AuditAsync(unitOfWork, contract, Caller.Actor(user), "phase.closure-accepted", "contract", contract.ContractId,
                null, new { Phase = phase, Side = side });
            var sides = await unitOfWork.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM phase_closures WHERE tenant_id = @TenantId AND contract_id = @ContractId AND phase = @phase",
                new { contract.TenantId, contract.ContractId, phase });
            var current = contract;
            if (sides == 2)
            {
                var upgradePlanned = await unitOfWork.ExecuteScalarAsync<bool>(
                    "SELECT EXISTS (SELECT 1 FROM workstreams WHERE tenant_id = @TenantId AND contract_id = @ContractId)", contract);
                current = await ContractStore.ChangePhaseAsync(unitOfWork, contract, Phases.After(phase, upgradePlanned), Caller.Actor(user));
            }

            return TypedResults.Ok(await DetailAsync(unitOfWork, current, user, Today(clock)));
        });

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static async Task<ContractDetail> DetailAsync(UnitOfWork unitOfWork, ContractRow contract, CurrentUser user, DateOnly today)
    {
        var versions = (await ContractStore.VersionsAsync(unitOfWork, contract)).ToList();
        var closures = (await unitOfWork.QueryAsync<Closure>(
            "SELECT phase, side, accepted_by, accepted_at FROM phase_closures WHERE tenant_id = @TenantId AND contract_id = @ContractId ORDER BY accepted_at",
            contract)).ToList();
        var renewal = await RenewalApi.StatusAsync(unitOfWork, contract, versions, today);
        var checklist = await unitOfWork.QuerySingleOrDefaultAsync<(long Items, long Pending)>(
            """
            SELECT count(*), count(*) FILTER (WHERE client_accepted_at IS NULL OR provider_accepted_at IS NULL)
            FROM checklist_items WHERE tenant_id = @TenantId AND contract_id = @ContractId AND phase = @Phase
            """,
            contract);
        var closable = Phases.RefuseClosure(contract.Phase, contract.Phase, (int)checklist.Items, (int)checklist.Pending) is null;
        var summary = Summarise(contract, versions, today);
        return new ContractDetail(
            summary.Id, summary.TenantId, summary.ProviderOrganisationId, summary.Reference, summary.Title, summary.Phase, summary.CurrentVersion,
            summary.MonthlyFee, summary.StartDate, summary.NextPeriodEnd, summary.NoticeDeadline,
            contract.CreatedAt, contract.SignedAt, contract.SignedBy, contract.TerminatesOn, contract.ClosedOn, contract.Handover,
            [.. versions.Select(VersionSummary.From)], closures, renewal, Can(contract, versions, closures, renewal, closable, user));
    }

    private static ContractSummary Summarise(ContractRow contract, IReadOnlyList<VersionRow> versions, DateOnly today)
    {
        var inForce = ContractStore.InForce(versions, today) ?? ContractStore.Latest(versions);
        var terms = inForce?.ReadTerms();
        var next = terms is null || !Phases.IsSigned(contract.Phase) || contract.TerminatesOn is not null
            ? null
            : RenewalApi.RenewalTermsOf(terms).Next(today);
        return new ContractSummary(
            contract.ContractId, contract.TenantId, contract.ProviderOrganisationId, contract.Reference, contract.Title, contract.Phase,
            inForce?.Status == "active" ? inForce.Number : null,
            terms?.Prices?.MonthlyFee ?? 0, terms?.StartDate ?? default, next?.LastDayOfPeriod, next?.Deadline);
    }

    /// <summary>What the caller may do now; the SPA shows these actions and the endpoints check the same rules.</summary>
    private static IReadOnlyList<string> Can(
        ContractRow contract, IReadOnlyList<VersionRow> versions, IReadOnlyList<Closure> closures, RenewalStatus? renewal, bool closable,
        CurrentUser user)
    {
        var can = new List<string>();
        var client = Caller.IsClientManager(user);
        var manager = Caller.IsManager(user);
        var side = Caller.SideOf(user);
        var openAmendment = versions.Any(version => version.Status is "draft" or "proposed");
        switch (contract.Phase)
        {
            case Phases.Draft when client:
                can.AddRange(["sign", "editTerms", "editRequirements"]);
                break;
            case Phases.Signed when manager:
                can.Add("transition:takeover");
                break;
            case Phases.Upgrade when manager:
                can.Add("transition:run");
                break;
            case Phases.Run when manager:
                can.Add("transition:reversibility");
                if (client && renewal is { Decision: null })
                {
                    can.Add("decideRenewal");
                }

                break;
        }

        if (manager && closable && !closures.Any(closure => closure.Phase == contract.Phase && closure.Side == side))
        {
            can.Add($"close:{contract.Phase}");
        }

        if (manager && Phases.IsSigned(contract.Phase))
        {
            can.Add(openAmendment ? "editTerms" : "amend");
        }

        if (client && Phases.IsOpen(contract.Phase))
        {
            can.Add("editInventory");
        }

        if (client && Phases.IsSigned(contract.Phase))
        {
            can.Add("requestEvolution");
        }

        return can.Distinct().ToArray();
    }
}
