using Infogerance.Contracts.Data;
using Infogerance.Contracts.Domain;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Infogerance.ServiceLevels;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Contracts.Api;

/// <summary>
/// A contract as the list shows it: its phase, the version in force, its fee (null while a draft's is not entered) and the
/// next notice deadline.
/// </summary>
public sealed record ContractSummary(
    Guid Id, Guid TenantId, Guid ProviderOrganisationId, string Reference, string Title, string Phase, int? CurrentVersion,
    decimal? MonthlyFee, DateOnly StartDate, DateOnly? NextPeriodEnd, DateOnly? NoticeDeadline);

/// <summary>A version of the terms without the terms themselves.</summary>
public sealed record VersionSummary(
    int Number, string Status, string Origin, DateOnly? EffectiveFrom, string? Reason, string? ProposedBy, string? ProposedSide,
    DateTimeOffset? ProposedAt, string? CountersignedBy, DateTimeOffset? CountersignedAt, Guid? EvolutionRequestId)
{
    public static VersionSummary From(VersionRow row, string status) => new(
        row.Number, status, row.Origin, row.EffectiveFrom, row.Reason, row.ProposedBy, row.ProposedSide, row.ProposedAt,
        row.CountersignedBy, row.CountersignedAt, row.EvolutionRequestId);
}

/// <summary>One side's acceptance of a phase's closure.</summary>
public sealed record Closure(string Phase, string Side, string AcceptedBy, DateTimeOffset AcceptedAt);

/// <summary>
/// A contract with its versions, closures and renewal status; <c>skippedPhases</c> the phases it went past without
/// entering them; <c>can</c> lists what the caller may do now.
/// </summary>
public sealed record ContractDetail(
    Guid Id, Guid TenantId, Guid ProviderOrganisationId, string Reference, string Title, string Phase, int? CurrentVersion,
    decimal? MonthlyFee, DateOnly StartDate, DateOnly? NextPeriodEnd, DateOnly? NoticeDeadline,
    DateTimeOffset CreatedAt, DateTimeOffset? SignedAt, string? SignedBy, DateOnly? TerminatesOn, DateOnly? ClosedOn, string? Handover,
    IReadOnlyList<VersionSummary> Versions, IReadOnlyList<Closure> Closures, RenewalStatus? Renewal, IReadOnlyList<string> SkippedPhases,
    IReadOnlyList<string> Can);

/// <summary>A new draft: its reference (unique in the tenant), its title and its provider.</summary>
public sealed record CreateContractRequest(string? Reference, string? Title, Guid? ProviderOrganisationId);

/// <summary>The phase to move to; <c>handover</c> (client or newProvider) says who takes the service back at reversibility.</summary>
public sealed record TransitionRequest(string? To, string? Handover);

/// <summary>The contract itself: drafting, signature and its phases.</summary>
public static class ContractsApi
{
    public const int MaxReferenceLength = 50;
    public const int MaxTitleLength = 200;

    public static void MapContractsApi(this IEndpointRouteBuilder app)
    {
        var contracts = app.MapGroup("").RequireAuthorization(Policies.ContractReaders);
        contracts.MapGet("/", ListAsync);
        contracts.MapPost("/", CreateAsync).RequireAuthorization(Policies.ClientManagers);
        contracts.MapGet("/{contractId:guid}", GetAsync);
        contracts.MapPost("/{contractId:guid}/sign", SignAsync).RequireAuthorization(Policies.ClientManagers);
        contracts.MapPost("/{contractId:guid}/transitions", TransitionAsync).RequireAuthorization(Policies.ContractManagers);
        contracts.MapPost("/{contractId:guid}/phases/{phase}/close", CloseAsync).RequireAuthorization(Policies.ContractManagers);
    }

    /// <summary>
    /// Lists the contracts the caller sees, each with its fee and next notice deadline: those whose reference or title
    /// holds <c>q</c>, sorted on a column (<c>sort</c>, <c>order</c> <c>asc</c> or <c>desc</c>; by reference by default).
    /// </summary>
    public static async Task<Results<Ok<ContractSummary[]>, ProblemHttpResult>> ListAsync(
        string? q, string? sort, string? order, [AsParameters] ContractServices services, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var search = ListSearch.Parse(errors, "q", q);
        var listOrder = ListOrder.Parse(errors, sort, order, ContractSorts.All, ContractSorts.Reference);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        await using var unitOfWork = await services.Database.ReadAsync(services.User, cancellationToken);
        var today = services.Today;
        var (contracts, standing) = await ContractStore.ListAsync(unitOfWork, search?.Pattern);
        var versions = standing.ToLookup(row => row.ContractId);
        var summaries = contracts.Select(contract =>
        {
            var rows = versions[contract.ContractId].ToList();
            return Summarise(contract, [.. rows.Select(row => row.Dates)], number => rows.First(row => row.Number == number).Terms, today);
        });
        return TypedResults.Ok(ContractList.Sort(summaries, listOrder!, c => new ContractSortFields(
            c.Id, c.Reference, c.Title, c.Phase, c.MonthlyFee, c.StartDate, c.NoticeDeadline)).ToArray());
    }

    /// <summary>
    /// Creates a draft contract with the default French terms, visible to its provider from the start: a provider of
    /// Identity's register.
    /// </summary>
    public static async Task<Results<Created<ContractDetail>, ProblemHttpResult>> CreateAsync(
        CreateContractRequest request, [AsParameters] ContractServices services, ProviderRegister providers, HttpRequest http,
        CancellationToken cancellationToken)
    {
        var user = services.User;
        var errors = new FieldErrors();
        var reference = request.Reference?.Trim() ?? "";
        var title = request.Title?.Trim() ?? "";
        if (reference.Length is 0 or > MaxReferenceLength)
        {
            errors.Add("reference", ContractMessages.ReferenceLength(MaxReferenceLength));
        }

        if (title.Length is 0 or > MaxTitleLength)
        {
            errors.Add("title", ContractMessages.TitleLength(MaxTitleLength));
        }

        if (request.ProviderOrganisationId is not { } provider || provider == Guid.Empty || provider == user.OrganisationId)
        {
            errors.Add("providerOrganisationId", ContractMessages.ProviderRequired);
        }
        else if (!await providers.ListsAsync(provider, http.Headers.Authorization.ToString(), cancellationToken))
        {
            errors.Add("providerOrganisationId", ContractMessages.ProviderRequired);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        await using var unitOfWork = await services.Database.BeginAsync(user.OrganisationId, cancellationToken);
        var contract = new ContractRow(
            user.OrganisationId, Guid.CreateVersion7(), reference, title, request.ProviderOrganisationId!.Value, Phases.Draft, null,
            services.Clock.GetUtcNow(), user.Name, null, null, null, null, RowVersion: 1);
        if (!await ContractStore.InsertAsync(unitOfWork, contract))
        {
            return Problems.Conflict(ContractMessages.ReferenceTaken(reference));
        }

        var today = services.Today;
        var terms = DefaultTerms.For(new DateOnly(today.Year, today.Month, 1).AddMonths(1));
        await ContractStore.InsertVersionAsync(unitOfWork, contract, "draft", "signature", terms, null, null);
        await ContractStore.AuditAsync(unitOfWork, contract, AuditLog.Actor.Of(user), "contract.created", "contract", contract.ContractId, null,
            new { contract.Reference, contract.Title, contract.ProviderOrganisationId });
        // The provider sees the draft from the start: it answers the requirements and proposes its terms.
        await ContractStore.AnnouncePartiesAsync(unitOfWork, contract);
        var detail = await DetailAsync(unitOfWork, contract, user, today);
        await unitOfWork.CommitAsync();
        return TypedResults.Created($"/{contract.ContractId}", detail);
    }

    /// <summary>Returns the contract with its versions, closures, renewal status and what the caller may do now.</summary>
    public static Task<Results<Ok<ContractDetail>, NotFound>> GetAsync(
        Guid contractId, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ReadAsync<Results<Ok<ContractDetail>, NotFound>>(contractId, () => TypedResults.NotFound(),
            async (unitOfWork, contract) => TypedResults.Ok(await DetailAsync(unitOfWork, contract, services.User, services.Today)), cancellationToken);

    /// <summary>The client signs: version 1 is frozen and in force from the start date.</summary>
    public static Task<Results<Ok<ContractDetail>, NotFound, ProblemHttpResult>> SignAsync(
        Guid contractId, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ChangeAsync<Results<Ok<ContractDetail>, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            var user = services.User;
            if (contract.Phase != Phases.Draft)
            {
                return Problems.Conflict(ContractMessages.OnlyDraftSigned);
            }

            var draft = await ContractStore.VersionAsync(unitOfWork, contract, 1);
            var terms = draft!.ReadTerms();
            if (TermsRules.Check(terms) is { IsEmpty: false } errors)
            {
                return Problems.Invalid(new FieldErrors().AddAll(errors, "terms."));
            }

            await ContractStore.ActivateFirstVersionAsync(unitOfWork, contract, terms.StartDate, user.Name);
            var signed = await ContractStore.ChangePhaseAsync(
                unitOfWork, contract with { SignedAt = services.Clock.GetUtcNow(), SignedBy = user.Name }, Phases.Signed, AuditLog.Actor.Of(user));
            await unitOfWork.AddEventAsync(new ContractSigned
            {
                TenantId = contract.TenantId,
                ContractId = contract.ContractId,
                ProviderOrganisationId = contract.ProviderOrganisationId,
                Reference = contract.Reference,
                StartDate = terms.StartDate,
            });
            await ContractStore.AnnounceVersionAsync(unitOfWork, contract, 1, terms.StartDate, terms);
            await ContractStore.ScheduleNoticeAsync(unitOfWork, contract, services.Today);
            await PriceRevisions.AfterVersionChangeAsync(unitOfWork, signed, services.Clock);
            return TypedResults.Ok(await DetailAsync(unitOfWork, signed, user, services.Today));
        }, cancellationToken);

    /// <summary>Moves the contract to another phase on request (takeover, run, reversibility), opening that phase's checklist.</summary>
    public static Task<Results<Ok<ContractDetail>, NotFound, ProblemHttpResult>> TransitionAsync(
        Guid contractId, TransitionRequest request, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ChangeAsync<Results<Ok<ContractDetail>, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            var to = request.To ?? "";
            if (!Phases.All.Contains(to))
            {
                return Problems.Invalid("to", ContractMessages.OneOf(Phases.All));
            }

            if (to == Phases.Reversibility && request.Handover is not ("client" or "newProvider"))
            {
                return Problems.Invalid("handover", ContractMessages.HandoverRequired);
            }

            var workstreams = (await ChecklistStore.WorkstreamsAsync(unitOfWork, contract)).ToList();
            var facts = new Phases.Facts(workstreams.Count, workstreams.Count(workstream => workstream.Progress < 100));
            if (Phases.RefuseTransition(contract.Phase, to, facts) is { } refusal)
            {
                return Problems.Conflict(refusal);
            }

            var changed = await ContractStore.ChangePhaseAsync(
                unitOfWork, contract with { Handover = to == Phases.Reversibility ? request.Handover : contract.Handover }, to, AuditLog.Actor.Of(services.User),
                request.Handover is null ? null : new { request.Handover });
            await ChecklistsApi.OpenChecklistAsync(unitOfWork, changed, to);
            return TypedResults.Ok(await DetailAsync(unitOfWork, changed, services.User, services.Today));
        }, cancellationToken);

    /// <summary>One side accepts that the phase is complete; the second acceptance moves the contract on.</summary>
    public static Task<Results<Ok<ContractDetail>, NotFound, ProblemHttpResult>> CloseAsync(
        Guid contractId, string phase, [AsParameters] ContractServices services, CancellationToken cancellationToken) =>
        services.ChangeAsync<Results<Ok<ContractDetail>, NotFound, ProblemHttpResult>>(contractId, () => TypedResults.NotFound(), async (unitOfWork, contract) =>
        {
            var user = services.User;
            var counts = await ChecklistStore.CountsAsync(unitOfWork, contract, phase);
            if (Phases.RefuseClosure(contract.Phase, phase, counts.Items, counts.Pending) is { } refusal)
            {
                return Problems.Conflict(refusal);
            }

            var side = Sides.Of(user);
            if (!await ChecklistStore.AcceptClosureAsync(unitOfWork, contract, phase, side, user.Name))
            {
                return Problems.Conflict(ContractMessages.ClosureAlreadyAccepted(side, phase));
            }

            await ContractStore.AuditAsync(unitOfWork, contract, AuditLog.Actor.Of(user), "phase.closure-accepted", "contract", contract.ContractId,
                null, new { Phase = phase, Side = side });
            var closing = await ChecklistStore.ClosureCountAsync(unitOfWork, contract, phase) == 2;
            await unitOfWork.AddEventAsync(new PhaseClosureAccepted
            {
                TenantId = contract.TenantId, ContractId = contract.ContractId, Phase = phase, Side = side, AcceptedBy = user.Name, AcceptedById = user.Id,
                AwaitingSide = closing ? null : Sides.Other(side),
            });
            var current = contract;
            if (closing)
            {
                var upgradePlanned = await ChecklistStore.UpgradePlannedAsync(unitOfWork, contract);
                current = await ContractStore.ChangePhaseAsync(unitOfWork, contract, Phases.After(phase, upgradePlanned), AuditLog.Actor.Of(user));
            }

            return TypedResults.Ok(await DetailAsync(unitOfWork, current, user, services.Today));
        }, cancellationToken);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The contract as <see cref="GetAsync"/> answers it, for the caller.</summary>
    public static async Task<ContractDetail> DetailAsync(UnitOfWork unitOfWork, ContractRow contract, CurrentUser user, DateOnly today)
    {
        var versions = (await ContractStore.VersionsAsync(unitOfWork, contract)).ToList();
        var closures = (await ChecklistStore.ClosuresAsync(unitOfWork, contract)).ToList();
        var renewal = await RenewalApi.StatusAsync(unitOfWork, contract, versions, today);
        var checklist = await ChecklistStore.CountsAsync(unitOfWork, contract, contract.Phase);
        var closable = Phases.RefuseClosure(contract.Phase, contract.Phase, checklist.Items, checklist.Pending) is null;
        var skipped = Phases.Skipped(contract.Phase, await ChecklistStore.UpgradePlannedAsync(unitOfWork, contract));
        var summary = Summarise(
            contract, [.. versions.Select(version => version.Dates)], number => SummaryTerms.Of(versions.First(version => version.Number == number).ReadTerms()),
            today);
        var statuses = ContractStore.Statuses(versions, today);
        return new ContractDetail(
            summary.Id, summary.TenantId, summary.ProviderOrganisationId, summary.Reference, summary.Title, summary.Phase, summary.CurrentVersion,
            summary.MonthlyFee, summary.StartDate, summary.NextPeriodEnd, summary.NoticeDeadline,
            contract.CreatedAt, contract.SignedAt, contract.SignedBy, contract.TerminatesOn, contract.ClosedOn, contract.Handover,
            [.. versions.Select(version => VersionSummary.From(version, statuses[version.Number]))], closures, renewal, skipped, Can(contract, versions, closures, renewal, closable, user));
    }

    /// <summary>
    /// A contract's summary, the same in the list and the detail: the version in force (else the draft of an unsigned
    /// contract) gives the fee and the start date, and while the contract is signed and not terminated, the end of the
    /// period under way and its notice deadline; its number is the current version once countersigned.
    /// </summary>
    /// <param name="termsOf">What the summary reads of a version's terms, by number: asked of the version shown only.</param>
    private static ContractSummary Summarise(
        ContractRow contract, IReadOnlyCollection<VersionDates> versions, Func<int, SummaryTerms> termsOf, DateOnly today)
    {
        var shown = VersionStanding.InForce(versions, today) ?? VersionStanding.Latest(versions);
        var terms = shown is { } number ? termsOf(number) : null;
        var next = terms is null || !Phases.IsSigned(contract.Phase) || contract.TerminatesOn is not null
            ? null
            : terms.Renewal.Next(today);
        return new ContractSummary(
            contract.ContractId, contract.TenantId, contract.ProviderOrganisationId, contract.Reference, contract.Title, contract.Phase,
            versions.Any(version => version.Number == shown && version.Status == VersionStanding.Active) ? shown : null,
            terms?.MonthlyFee, terms?.Renewal.Start ?? default, next?.LastDayOfPeriod, next?.Deadline);
    }

    /// <summary>What the caller may do now; the SPA shows these actions and the endpoints check the same rules.</summary>
    private static IReadOnlyList<string> Can(
        ContractRow contract, IReadOnlyList<VersionRow> versions, IReadOnlyList<Closure> closures, RenewalStatus? renewal, bool closable,
        CurrentUser user)
    {
        var can = new List<string>();
        var client = ContractAccess.IsClientManager(user);
        var manager = ContractAccess.IsManager(user);
        var side = Sides.Of(user);
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
