using Infogerance.Contracts.Data;
using Infogerance.Contracts.Domain;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;

namespace Infogerance.Contracts.Api;

public sealed record Evolution(
    Guid Id, string Title, string Specification, string State, string? Solution, decimal? QuoteAmount, string? Plan, string? RejectionReason,
    int? AmendmentVersion, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record EvolutionRequest(string? Title, string? Specification);

/// <summary>The body of every step; each step reads the fields it needs (propose: solution, quote, plan; reject: reason).</summary>
public sealed record EvolutionStepRequest(string? Solution, decimal? QuoteAmount, string? Plan, string? Reason, DateOnly? EffectiveFrom);

/// <summary>Evolution requests of the run: specified by the client, answered by the provider, then decided, built and accepted.</summary>
public static class EvolutionsApi
{
    private const string Select =
        """
        SELECT evolution_id AS id, title, specification, state, solution, quote_amount, plan, rejection_reason, amendment_version,
               created_by, created_at, updated_at
        FROM evolution_requests WHERE tenant_id = @TenantId AND contract_id = @ContractId
        """;

    public static void MapEvolutionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{contractId:guid}/evolutions", ListAsync).RequireAuthorization(Policies.ContractReaders);
        app.MapPost("/{contractId:guid}/evolutions", CreateAsync).RequireAuthorization(Policies.ClientManagers);
        app.MapPost("/{contractId:guid}/evolutions/{evolutionId:guid}/amend", AmendAsync).RequireAuthorization(Policies.ClientManagers);
        foreach (var step in EvolutionWorkflow.Steps)
        {
            app.MapPost($"/{{contractId:guid}}/evolutions/{{evolutionId:guid}}/{step.Action}",
                    (Guid contractId, Guid evolutionId, EvolutionStepRequest? request, CurrentUser user, Database database, CancellationToken cancellationToken) =>
                        StepAsync(step, contractId, evolutionId, request ?? new(null, null, null, null, null), user, database, cancellationToken))
                .RequireAuthorization(step.Side == Sides.Client ? Policies.ClientManagers : Policies.ContractManagers);
        }
    }

    public static Task<IEnumerable<Evolution>> EvolutionsAsync(UnitOfWork unitOfWork, ContractRow contract) =>
        unitOfWork.QueryAsync<Evolution>($"{Select} ORDER BY evolution_id", contract);

    public static Task<IResult> ListAsync(Guid contractId, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        Caller.ReadAsync(database, user, contractId, cancellationToken,
            async (unitOfWork, contract) => TypedResults.Ok((await EvolutionsAsync(unitOfWork, contract)).ToArray()));

    public static Task<IResult> CreateAsync(
        Guid contractId, EvolutionRequest request, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        Caller.ChangeAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Length > 200)
            {
                errors["title"] = ["A title of 1 to 200 characters is required."];
            }

            if (string.IsNullOrWhiteSpace(request.Specification) || request.Specification.Length > 20_000)
            {
                errors["specification"] = ["Describe the need (up to 20,000 characters)."];
            }

            if (errors.Count > 0)
            {
                return Problems.Invalid(errors);
            }

            if (!Phases.IsSigned(contract.Phase))
            {
                return Problems.Conflict("Evolution requests concern a signed contract that is not closed.");
            }

            var id = Guid.CreateVersion7();
            await unitOfWork.ExecuteAsync(
                """
                INSERT INTO evolution_requests (tenant_id, contract_id, evolution_id, title, specification, state, created_by, created_at, updated_at)
                VALUES (@TenantId, @ContractId, @id, @title, @specification, 'specified', @name, now(), now())
                """,
                new { contract.TenantId, contract.ContractId, id, title = request.Title!.Trim(), specification = request.Specification!.Trim(), name = user.Name });
            var created = await FindAsync(unitOfWork, contract, id);
            await ContractStore.AuditAsync(unitOfWork, contract, Caller.Actor(user), "evolution.specified", "evolution", id, null, created);
            await AnnounceAsync(unitOfWork, contract, created!, "none");
            await ContractStore.NotifyAsync(unitOfWork, contract, Sides.Provider, "evolutionRequested", new { contract.Reference, created!.Title });
            return TypedResults.Created($"/{contract.ContractId}/evolutions/{id}", created);
        });

    private static Task<IResult> StepAsync(
        EvolutionWorkflow.Step step, Guid contractId, Guid evolutionId, EvolutionStepRequest request, CurrentUser user, Database database,
        CancellationToken cancellationToken) =>
        Caller.ChangeAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            if (await FindAsync(unitOfWork, contract, evolutionId) is not { } before)
            {
                return TypedResults.NotFound();
            }

            if (step.Side != Caller.SideOf(user) || (step.Side == Sides.Provider && !Caller.IsProviderManager(user)))
            {
                return Caller.NotYourSide();
            }

            var errors = new Dictionary<string, string[]>();
            if (step.Action == "propose")
            {
                if (string.IsNullOrWhiteSpace(request.Solution) || request.Solution.Length > 20_000)
                {
                    errors["solution"] = ["Describe the solution (up to 20,000 characters)."];
                }

                if (request.QuoteAmount is not { } quote || quote < 0 || quote > 100_000_000m || decimal.Round(quote, 2) != quote)
                {
                    errors["quoteAmount"] = ["The quote in euros: zero or more, with at most two decimals."];
                }

                if (string.IsNullOrWhiteSpace(request.Plan) || request.Plan.Length > 20_000)
                {
                    errors["plan"] = ["Give the plan (up to 20,000 characters)."];
                }
            }
            else if (step.Action == "reject" && (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 2000))
            {
                errors["reason"] = ["Say why the proposal is rejected (up to 2,000 characters)."];
            }

            if (errors.Count > 0)
            {
                return Problems.Invalid(errors);
            }

            if (!Phases.IsSigned(contract.Phase))
            {
                return Problems.Conflict("The contract is closed.");
            }

            if (EvolutionWorkflow.Refuse(step, before.State, step.Side) is { } refusal)
            {
                return Problems.Conflict(refusal);
            }

            await unitOfWork.ExecuteAsync(
                """
                UPDATE evolution_requests
                SET state = @To,
                    solution = coalesce(@solution, solution), quote_amount = coalesce(@quote, quote_amount), plan = coalesce(@plan, plan),
                    rejection_reason = coalesce(@reason, rejection_reason), updated_at = now()
                WHERE tenant_id = @TenantId AND contract_id = @ContractId AND evolution_id = @evolutionId
                """,
                new
                {
                    step.To, contract.TenantId, contract.ContractId, evolutionId,
                    solution = step.Action == "propose" ? request.Solution!.Trim() : null,
                    quote = step.Action == "propose" ? request.QuoteAmount : null,
                    plan = step.Action == "propose" ? request.Plan!.Trim() : null,
                    reason = step.Action == "reject" ? request.Reason!.Trim() : null,
                });
            var after = (await FindAsync(unitOfWork, contract, evolutionId))!;
            await ContractStore.AuditAsync(unitOfWork, contract, Caller.Actor(user), $"evolution.{step.To}", "evolution", evolutionId, before, after);
            await AnnounceAsync(unitOfWork, contract, after, before.State);
            await ContractStore.NotifyAsync(unitOfWork, contract, Sides.Other(step.Side), "evolutionStateChanged",
                new { contract.Reference, after.Title, after.State });
            return TypedResults.Ok(after);
        });

    /// <summary>An accepted evolution changes the contract through an amendment that references it.</summary>
    public static Task<IResult> AmendAsync(
        Guid contractId, Guid evolutionId, EvolutionStepRequest request, CurrentUser user, Database database, CancellationToken cancellationToken) =>
        Caller.ChangeAsync(database, user, contractId, cancellationToken, async (unitOfWork, contract) =>
        {
            if (await FindAsync(unitOfWork, contract, evolutionId) is not { } evolution)
            {
                return TypedResults.NotFound();
            }

            if (evolution.State != EvolutionWorkflow.Accepted)
            {
                return Problems.Conflict("Only an accepted evolution becomes an amendment.");
            }

            var linked = await unitOfWork.ExecuteScalarAsync<bool>(
                """
                SELECT EXISTS (SELECT 1 FROM contract_versions
                               WHERE tenant_id = @TenantId AND contract_id = @ContractId AND evolution_request_id = @evolutionId AND status <> 'withdrawn')
                """,
                new { contract.TenantId, contract.ContractId, evolutionId });
            if (linked)
            {
                return Problems.Conflict("This evolution already has its amendment.");
            }

            return await VersionsApi.OpenAmendmentAsync(
                unitOfWork, contract, user, request.EffectiveFrom, $"Évolution « {evolution.Title} » ({evolution.QuoteAmount:0.00} €)", evolutionId);
        });

    private static Task<Evolution?> FindAsync(UnitOfWork unitOfWork, ContractRow contract, Guid evolutionId) =>
        unitOfWork.QuerySingleOrDefaultAsync<Evolution>($"{Select} AND evolution_id = @evolutionId", new { contract.TenantId, contract.ContractId, evolutionId });

    private static Task AnnounceAsync(UnitOfWork unitOfWork, ContractRow contract, Evolution evolution, string from) =>
        unitOfWork.AddEventAsync(new EvolutionRequestStateChanged
        {
            TenantId = contract.TenantId,
            ContractId = contract.ContractId,
            EvolutionRequestId = evolution.Id,
            Title = evolution.Title,
            From = from,
            To = evolution.State,
            QuoteAmount = evolution.QuoteAmount,
        });
}
