using Infogerance.Contracts.Data;
using Infogerance.Contracts.Domain;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Contracts.Api;

/// <summary>An evolution request: the need, the provider's answer (solution, quote, plan), its state and the amendment that put it into the contract.</summary>
public sealed record Evolution(
    Guid Id, string Title, string Specification, string State, string? Solution, decimal? QuoteAmount, string? Plan, string? RejectionReason,
    int? AmendmentVersion, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A new evolution request: its title and the client's specification of the need.</summary>
public sealed record EvolutionRequest(string? Title, string? Specification);

/// <summary>The body of every step; each step reads the fields it needs (propose: solution, quote, plan; reject: reason).</summary>
public sealed record EvolutionStepRequest(string? Solution, decimal? QuoteAmount, string? Plan, string? Reason, DateOnly? EffectiveFrom);

/// <summary>Evolution requests of the run: specified by the client, answered by the provider, then decided, built and accepted.</summary>
public static class EvolutionsApi
{
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 20_000;
    public const int MaxReasonLength = 2_000;
    public const decimal MaxQuote = 100_000_000m;

    public static void MapEvolutionsApi(this IEndpointRouteBuilder app)
    {
        var contract = app.MapGroup("/{contractId:guid}").RequireAuthorization(Policies.ContractReaders);
        contract.MapGet("/evolutions", ListAsync);
        contract.MapPost("/evolutions", CreateAsync).RequireAuthorization(Policies.ClientManagers);
        contract.MapPost("/evolutions/{evolutionId:guid}/amend", AmendAsync).RequireAuthorization(Policies.ClientManagers);
        foreach (var step in EvolutionWorkflow.Steps)
        {
            contract.MapPost($"/evolutions/{{evolutionId:guid}}/{step.Action}",
                    (Guid contractId, Guid evolutionId, EvolutionStepRequest? request, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
                        StepAsync(step, contractId, evolutionId, request ?? new(null, null, null, null, null), services, cancellationToken))
                .WithSummary($"The {step.Side} side moves the request from {step.From} to {step.To}.")
                .RequireAuthorization(step.Side == Sides.Client ? Policies.ClientManagers : Policies.ContractManagers);
        }
    }

    /// <summary>Lists the contract's evolution requests, oldest first.</summary>
    public static Task<Results<Ok<Evolution[]>, NotFound>> ListAsync(
        Guid contractId, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ReadAsync<Results<Ok<Evolution[]>, NotFound>>(contractId, () => TypedResults.NotFound(),
            async (unitOfWork, contract) => TypedResults.Ok((await EvolutionStore.ListAsync(unitOfWork, contract)).ToArray()), cancellationToken);

    /// <summary>The client specifies a need; the provider is notified.</summary>
    public static Task<Results<Created<Evolution>, NotFound, ProblemHttpResult>> CreateAsync(
        Guid contractId, EvolutionRequest request, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ChangeAsync<Results<Created<Evolution>, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            var errors = new FieldErrors();
            if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Length > MaxTitleLength)
            {
                errors.Add("title", ContractMessages.TitleLength(MaxTitleLength));
            }

            if (string.IsNullOrWhiteSpace(request.Specification) || request.Specification.Length > MaxTextLength)
            {
                errors.Add("specification", ContractMessages.SpecificationRequired(MaxTextLength));
            }

            if (!errors.IsEmpty)
            {
                return Problems.Invalid(errors);
            }

            if (!Phases.IsSigned(contract.Phase))
            {
                return Problems.Conflict(ContractMessages.EvolutionsNeedSignedContract);
            }

            var id = Guid.CreateVersion7();
            await EvolutionStore.InsertAsync(unitOfWork, contract, id, request.Title!.Trim(), request.Specification!.Trim(), services.User.Name);
            var created = (await EvolutionStore.FindAsync(unitOfWork, contract, id))!;
            await ContractStore.AuditAsync(unitOfWork, contract, AuditLog.Actor.Of(services.User), "evolution.specified", "evolution", id, null, created);
            await AnnounceAsync(unitOfWork, contract, created, "none");
            return TypedResults.Created($"/{contract.ContractId}/evolutions/{id}", created);
        }, cancellationToken);

    private static Task<Results<Ok<Evolution>, NotFound, ForbidHttpResult, ProblemHttpResult>> StepAsync(
        EvolutionWorkflow.Step step, Guid contractId, Guid evolutionId, EvolutionStepRequest request, ContractServices services,
        CancellationToken cancellationToken) =>
        services.ChangeAsync<Results<Ok<Evolution>, NotFound, ForbidHttpResult, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            var user = services.User;
            if (await EvolutionStore.FindAsync(unitOfWork, contract, evolutionId) is not { } before)
            {
                return TypedResults.NotFound();
            }

            if (step.Side != Sides.Of(user) || (step.Side == Sides.Provider && !ContractAccess.IsProviderManager(user)))
            {
                return TypedResults.Forbid();
            }

            var errors = new FieldErrors();
            if (step.Action == "propose")
            {
                if (string.IsNullOrWhiteSpace(request.Solution) || request.Solution.Length > MaxTextLength)
                {
                    errors.Add("solution", ContractMessages.SolutionRequired(MaxTextLength));
                }

                if (request.QuoteAmount is not { } quote || quote < 0 || quote > MaxQuote || decimal.Round(quote, 2) != quote)
                {
                    errors.Add("quoteAmount", ContractMessages.QuoteAmount);
                }

                if (string.IsNullOrWhiteSpace(request.Plan) || request.Plan.Length > MaxTextLength)
                {
                    errors.Add("plan", ContractMessages.PlanRequired(MaxTextLength));
                }
            }
            else if (step.Action == "reject" && (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxReasonLength))
            {
                errors.Add("reason", ContractMessages.RejectionReason(MaxReasonLength));
            }

            if (!errors.IsEmpty)
            {
                return Problems.Invalid(errors);
            }

            if (!Phases.IsSigned(contract.Phase))
            {
                return Problems.Conflict(ContractMessages.ContractClosed);
            }

            if (EvolutionWorkflow.Refuse(step, before.State, step.Side) is { } refusal)
            {
                return Problems.Conflict(refusal);
            }

            var proposing = step.Action == "propose";
            await EvolutionStore.ChangeStateAsync(
                unitOfWork, contract, evolutionId, step.To,
                solution: proposing ? request.Solution!.Trim() : null,
                quote: proposing ? request.QuoteAmount : null,
                plan: proposing ? request.Plan!.Trim() : null,
                reason: step.Action == "reject" ? request.Reason!.Trim() : null);
            var after = (await EvolutionStore.FindAsync(unitOfWork, contract, evolutionId))!;
            await ContractStore.AuditAsync(unitOfWork, contract, AuditLog.Actor.Of(user), $"evolution.{step.To}", "evolution", evolutionId, before, after);
            await AnnounceAsync(unitOfWork, contract, after, before.State);
            return TypedResults.Ok(after);
        }, cancellationToken);

    /// <summary>Turns an accepted evolution into an amendment that references it, to take effect on the date given.</summary>
    public static Task<Results<Created<VersionDetail>, NotFound, ProblemHttpResult>> AmendAsync(
        Guid contractId, Guid evolutionId, EvolutionStepRequest request, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ChangeAsync<Results<Created<VersionDetail>, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            if (await EvolutionStore.FindAsync(unitOfWork, contract, evolutionId) is not { } evolution)
            {
                return TypedResults.NotFound();
            }

            if (evolution.State != EvolutionWorkflow.Accepted)
            {
                return Problems.Conflict(ContractMessages.OnlyAcceptedEvolutionAmends);
            }

            if (await EvolutionStore.HasAmendmentAsync(unitOfWork, contract, evolutionId))
            {
                return Problems.Conflict(ContractMessages.EvolutionAlreadyAmended);
            }

            var (created, refusal) = await VersionsApi.OpenAmendmentAsync(
                unitOfWork, contract, services.User, request.EffectiveFrom, $"Évolution « {evolution.Title} » ({evolution.QuoteAmount:0.00} €)", evolutionId);
            return refusal is null ? created! : refusal;
        }, cancellationToken);

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
