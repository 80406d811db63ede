using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Messaging;
using Infogerance.Reporting.Data;
using Infogerance.Reporting.Domain;
using Infogerance.Reporting.Exports;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Reporting.Api;

/// <summary>What a change to an action needs: the item, locked, and the contract's open review when its plan lists the item.</summary>
public sealed record ActionToChange(ActionItem Action, ReviewRow? OpenReview, Guid TenantId);

/// <summary>
/// The periodic reviews (bilans, comités de pilotage) of a contract and its action plan. Both sides read them (the
/// <c>SteeringReaders</c> policy); the managers of each side (the client's contract managers, the provider's account
/// managers) prepare a review, comment on its indicators, record decisions and improvement axes, keep the action plan
/// and approve the minutes for their side.
/// </summary>
public static class ReviewsApi
{
    public static void MapReviewsApi(this IEndpointRouteBuilder app)
    {
        var contract = app.MapGroup("/contracts/{contractId:guid}").RequireAuthorization(Policies.SteeringReaders);
        contract.MapGet("/reviews", ListAsync);
        contract.MapPost("/reviews", PrepareAsync).RequireAuthorization(Policies.ContractManagers).ProducesProblem(409);
        contract.MapGet("/reviews/{reviewId:guid}", GetAsync);
        contract.MapDelete("/reviews/{reviewId:guid}", DeleteAsync).RequireAuthorization(Policies.ContractManagers).ProducesProblem(409);
        contract.MapPut("/reviews/{reviewId:guid}/comments/{indicator}", CommentAsync).RequireAuthorization(Policies.ContractManagers).ProducesProblem(409);
        contract.MapPost("/reviews/{reviewId:guid}/decisions", AddDecisionAsync).RequireAuthorization(Policies.ContractManagers).ProducesProblem(409);
        contract.MapPut("/reviews/{reviewId:guid}/decisions/{pointId:guid}", ChangeDecisionAsync).RequireAuthorization(Policies.ContractManagers).ProducesProblem(409);
        contract.MapDelete("/reviews/{reviewId:guid}/decisions/{pointId:guid}", RemoveDecisionAsync).RequireAuthorization(Policies.ContractManagers).ProducesProblem(409);
        contract.MapPost("/reviews/{reviewId:guid}/improvements", AddImprovementAsync).RequireAuthorization(Policies.ContractManagers).ProducesProblem(409);
        contract.MapPut("/reviews/{reviewId:guid}/improvements/{pointId:guid}", ChangeImprovementAsync)
            .RequireAuthorization(Policies.ContractManagers).ProducesProblem(409);
        contract.MapDelete("/reviews/{reviewId:guid}/improvements/{pointId:guid}", RemoveImprovementAsync)
            .RequireAuthorization(Policies.ContractManagers).ProducesProblem(409);
        contract.MapPost("/reviews/{reviewId:guid}/actions", RaiseActionAsync).RequireAuthorization(Policies.ContractManagers).ProducesProblem(409);
        contract.MapPost("/reviews/{reviewId:guid}/approve", ApproveAsync).RequireAuthorization(Policies.ContractManagers).ProducesProblem(409);
        contract.MapGet("/reviews/{reviewId:guid}/export", ExportAsync)
            .Produces(200, contentType: ReportExports.PdfType, additionalContentTypes: [ReportExports.XlsxType, ReportExports.CsvType]);
        contract.MapGet("/actions", ListActionsAsync);
        contract.MapPut("/actions/{actionId:guid}", ChangeActionAsync).RequireAuthorization(Policies.ContractManagers).ProducesProblem(409);
        contract.MapPost("/actions/{actionId:guid}/notes", AddNoteAsync).RequireAuthorization(Policies.ContractManagers);
    }

    /// <summary>Lists the contract's reviews, the latest first, each with how many items of its plan are still to do and overdue.</summary>
    public static Task<Results<Ok<ReviewSummary[]>, NotFound>> ListAsync(
        Guid contractId, [AsParameters] ReportingServices services, CancellationToken cancellationToken) =>
        services.Database.ReadAsync<ContractSummary, Results<Ok<ReviewSummary[]>, NotFound>>(
            services.User, unitOfWork => ContractReplica.ContractAsync(unitOfWork, contractId), async (unitOfWork, contract) =>
            {
                var today = await TodayAsync(unitOfWork, contractId, services.Clock);
                var summaries = new List<ReviewSummary>();
                foreach (var review in await ReviewStore.ListAsync(unitOfWork, contractId))
                {
                    var plan = await PlanAsync(unitOfWork, review, today);
                    summaries.Add(new ReviewSummary(
                        review.Header with { Reference = contract.Reference },
                        plan.Count(a => ActionStatuses.IsPending(a.Status)), plan.Count(a => a.Overdue)));
                }

                return TypedResults.Ok(summaries.ToArray());
            },
            () => TypedResults.NotFound(), cancellationToken);

    /// <summary>
    /// Prepares the contract's review of a period (<c>yyyy-MM</c> for a monthly review, <c>yyyy-Qn</c> for a quarterly
    /// one): freezes the scorecard of each of its months that has begun and the period's totals, and carries over every
    /// item of the action plan still to do. One review per period, and one open at a time.
    /// </summary>
    public static Task<Results<Created<Review>, NotFound, ProblemHttpResult>> PrepareAsync(
        Guid contractId, PrepareReviewInput input, [AsParameters] ReportingServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        return services.Database.ChangeAsync<ContractSummary, Results<Created<Review>, NotFound, ProblemHttpResult>>(
            services.User,
            async unitOfWork =>
            {
                var contract = await ContractReplica.ContractAsync(unitOfWork, contractId);
                if (contract is not null)
                {
                    await ReviewStore.LockContractAsync(unitOfWork, contractId);
                }

                return contract;
            },
            async (unitOfWork, contract) =>
            {
                if (ReviewRules.Check(input, out var period) is { IsEmpty: false } errors)
                {
                    return Problems.Invalid(errors);
                }

                var now = Instants.NowToTheSecond(services.Clock);
                var versions = await ScorecardStore.VersionsAsync(unitOfWork, contractId);
                var months = period!.Months.Select(month => ContractMonths.Of(versions, month, now)).Where(month => month.Month.Start <= now).ToList();
                if (months.Count == 0)
                {
                    return Problems.Invalid("period", ReviewMessages.PeriodNotBegun);
                }

                if (await ReviewStore.PeriodTakenAsync(unitOfWork, contractId, period.Text))
                {
                    return Problems.Conflict(ReviewMessages.PeriodTaken);
                }

                if (await ReviewStore.LockOpenAsync(unitOfWork, contractId) is not null)
                {
                    return Problems.Conflict(ReviewMessages.StillOpen);
                }

                var scorecards = new List<Scorecard>();
                foreach (var month in months)
                {
                    scorecards.Add(Scorecards.Compute(await ScorecardStore.TalliesAsync(unitOfWork, services.Counts, contractId, month, now)) with
                    {
                        ContractId = contractId,
                        Reference = contract.Reference,
                    });
                }

                var snapshot = new ReviewSnapshot(now, scorecards, ScorecardTotals.Of(scorecards));
                var side = Sides.Of(services.User);
                var header = new ReviewHeader(
                    Guid.CreateVersion7(), contractId, await ReviewStore.NextNumberAsync(unitOfWork, contractId), period.Text, period.Cadence,
                    scorecards[0].From, ContractMonths.Of(versions, period.Last, now).Month.End, ReviewRules.Clean(input.Title), input.MeetingOn,
                    ReviewStatuses.Open, 1, now, services.User.Name, side, Approvals.None, null);
                await ReviewStore.InsertAsync(unitOfWork, contract.TenantId, header, services.User.Id, snapshot);
                var carried = ReviewPlan.ToCarry(await ReviewStore.ActionsAsync(unitOfWork, contractId));
                await ReviewStore.CarryAsync(unitOfWork, contract.TenantId, contractId, header.Id, carried);
                await AuditAsync(unitOfWork, contract.TenantId, services, "review.prepared", "review", header.Id, null,
                    new { header.Period, header.Number, header.Title, header.MeetingOn, Carried = carried.Count }, contractId);
                await unitOfWork.AddEventAsync(new ReviewPrepared
                {
                    TenantId = contract.TenantId, ContractId = contractId, ReviewId = header.Id, Number = header.Number, Period = header.Period,
                    PreparingSide = side, PreparedBy = services.User.Name, PreparedById = services.User.Id, OccurredAt = now,
                });
                var review = await ComposeAsync(unitOfWork, (await ReviewStore.LoadAsync(unitOfWork, contractId, header.Id))!, contract.Reference, side, services.Clock);
                return TypedResults.Created($"/contracts/{contractId}/reviews/{header.Id}", review);
            },
            () => TypedResults.NotFound(), cancellationToken);
    }

    /// <summary>
    /// Reads a review whole: its header and approvals, the frozen figures (the client's budget left out for the provider),
    /// both sides' comments, the decisions and improvement axes, and its action plan (each item flagged when overdue).
    /// </summary>
    public static Task<Results<Ok<Review>, NotFound>> GetAsync(
        Guid contractId, Guid reviewId, [AsParameters] ReportingServices services, CancellationToken cancellationToken) =>
        services.Database.ReadAsync<ReviewRow, Results<Ok<Review>, NotFound>>(
            services.User, unitOfWork => ReviewStore.LoadAsync(unitOfWork, contractId, reviewId),
            async (unitOfWork, review) => TypedResults.Ok(await ComposeAsync(unitOfWork, review, services)),
            () => TypedResults.NotFound(), cancellationToken);

    /// <summary>Deletes an open review prepared by mistake, with what was written in it; the items carried over to it stay on the plan.</summary>
    public static Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        Guid contractId, Guid reviewId, [AsParameters] ReportingServices services, CancellationToken cancellationToken) =>
        ChangeReviewAsync<NoContent>(contractId, reviewId, services, cancellationToken, async (unitOfWork, review) =>
        {
            await ReviewStore.DeleteAsync(unitOfWork, contractId, reviewId);
            await AuditAsync(unitOfWork, review.TenantId, services, "review.deleted", "review", reviewId,
                new { review.Header.Period, review.Header.Number }, null, contractId);
            return TypedResults.NoContent();
        });

    /// <summary>
    /// Writes the caller's side's comment on an indicator of the review (<c>overall</c> or a figure of the scorecard;
    /// the budget is the client's only); an empty text removes it. <c>version</c> is the comment's version read (0 for none).
    /// </summary>
    public static Task<Results<Ok<IndicatorComment>, NoContent, NotFound, ProblemHttpResult>> CommentAsync(
        Guid contractId, Guid reviewId, string indicator, CommentInput input, [AsParameters] ReportingServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var side = Sides.Of(services.User);
        return services.Database.ChangeAsync<ReviewRow, Results<Ok<IndicatorComment>, NoContent, NotFound, ProblemHttpResult>>(
            services.User, unitOfWork => ReviewStore.LoadAsync(unitOfWork, contractId, reviewId, forUpdate: true),
            async (unitOfWork, review) =>
            {
                if (ReviewRules.RefuseChange(review.Header.Status) is { } closed)
                {
                    return Problems.Conflict(closed);
                }

                if (ReviewRules.Check(indicator, side, input) is { IsEmpty: false } errors)
                {
                    return Problems.Invalid(errors);
                }

                var before = await ReviewStore.CommentAsync(unitOfWork, contractId, reviewId, indicator, side);
                if (ReviewRules.RefuseStale(input.Version!.Value, before?.Version ?? 0) is { } stale)
                {
                    return Problems.Conflict(stale);
                }

                var now = Instants.NowToTheSecond(services.Clock);
                var text = ReviewRules.Clean(input.Text);
                IndicatorComment? after = text is null ? null : new IndicatorComment(indicator, side, text, services.User.Name, now, (before?.Version ?? 0) + 1);
                if (after is null)
                {
                    await ReviewStore.DeleteCommentAsync(unitOfWork, contractId, reviewId, indicator, side);
                }
                else
                {
                    await ReviewStore.SaveCommentAsync(unitOfWork, review.TenantId, contractId, reviewId, after, services.User.Id);
                }

                await MinutesChangedAsync(unitOfWork, review, services, now);
                await AuditAsync(unitOfWork, review.TenantId, services, "review.commented", "review", reviewId, before, after, contractId);
                return after is null ? TypedResults.NoContent() : TypedResults.Ok(after);
            },
            () => TypedResults.NotFound(), cancellationToken);
    }

    /// <summary>Records a decision in the review's minutes.</summary>
    public static Task<Results<Created<ReviewPoint>, NotFound, ProblemHttpResult>> AddDecisionAsync(
        Guid contractId, Guid reviewId, PointInput input, [AsParameters] ReportingServices services, CancellationToken cancellationToken) =>
        AddPointAsync(contractId, reviewId, PointKinds.Decision, "decisions", input, services, cancellationToken);

    /// <summary>Rewrites a decision of the review; <c>version</c> is the one read.</summary>
    public static Task<Results<Ok<ReviewPoint>, NotFound, ProblemHttpResult>> ChangeDecisionAsync(
        Guid contractId, Guid reviewId, Guid pointId, PointInput input, [AsParameters] ReportingServices services, CancellationToken cancellationToken) =>
        ChangePointAsync(contractId, reviewId, PointKinds.Decision, pointId, input, services, cancellationToken);

    /// <summary>Removes a decision from the review's minutes.</summary>
    public static Task<Results<NoContent, NotFound, ProblemHttpResult>> RemoveDecisionAsync(
        Guid contractId, Guid reviewId, Guid pointId, [AsParameters] ReportingServices services, CancellationToken cancellationToken) =>
        RemovePointAsync(contractId, reviewId, PointKinds.Decision, pointId, services, cancellationToken);

    /// <summary>Records an improvement axis (<c>service</c>, <c>needs</c> that changed, <c>technology</c> to adopt) in the review's minutes.</summary>
    public static Task<Results<Created<ReviewPoint>, NotFound, ProblemHttpResult>> AddImprovementAsync(
        Guid contractId, Guid reviewId, PointInput input, [AsParameters] ReportingServices services, CancellationToken cancellationToken) =>
        AddPointAsync(contractId, reviewId, PointKinds.Improvement, "improvements", input, services, cancellationToken);

    /// <summary>Rewrites an improvement axis of the review; <c>version</c> is the one read.</summary>
    public static Task<Results<Ok<ReviewPoint>, NotFound, ProblemHttpResult>> ChangeImprovementAsync(
        Guid contractId, Guid reviewId, Guid pointId, PointInput input, [AsParameters] ReportingServices services, CancellationToken cancellationToken) =>
        ChangePointAsync(contractId, reviewId, PointKinds.Improvement, pointId, input, services, cancellationToken);

    /// <summary>Removes an improvement axis from the review's minutes.</summary>
    public static Task<Results<NoContent, NotFound, ProblemHttpResult>> RemoveImprovementAsync(
        Guid contractId, Guid reviewId, Guid pointId, [AsParameters] ReportingServices services, CancellationToken cancellationToken) =>
        RemovePointAsync(contractId, reviewId, PointKinds.Improvement, pointId, services, cancellationToken);

    /// <summary>Raises an item of the action plan in the review: title, side responsible and person named, due day, status (open by default).</summary>
    public static Task<Results<Created<ActionItem>, NotFound, ProblemHttpResult>> RaiseActionAsync(
        Guid contractId, Guid reviewId, ActionInput input, [AsParameters] ReportingServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ChangeReviewAsync<Created<ActionItem>>(contractId, reviewId, services, cancellationToken, async (unitOfWork, review) =>
        {
            if (ReviewRules.Check(input, isNew: true) is { IsEmpty: false } errors)
            {
                return Problems.Invalid(errors);
            }

            var now = Instants.NowToTheSecond(services.Clock);
            var side = Sides.Of(services.User);
            var status = input.Status ?? ActionStatuses.Open;
            var note = ReviewRules.Clean(input.Note) is { } text
                ? new ActionNote(Guid.CreateVersion7(), now, services.User.Name, side, text, null, status)
                : null;
            var action = new ActionItem(
                Guid.CreateVersion7(), reviewId, input.Title!.Trim(), input.Side!, input.Owner!.Trim(), input.DueOn!.Value, status, 1, now, services.User.Name, now,
                note is null ? [] : [note]);
            await ReviewStore.SaveActionAsync(unitOfWork, review.TenantId, contractId, action);
            if (note is not null)
            {
                await ReviewStore.AddNoteAsync(unitOfWork, review.TenantId, contractId, action.Id, note, services.User.Id);
            }

            await MinutesChangedAsync(unitOfWork, review, services, now);
            await ActionChangedAsync(unitOfWork, review.TenantId, contractId, null, action, services, now);
            var today = await TodayAsync(unitOfWork, contractId, services.Clock);
            return TypedResults.Created(
                $"/contracts/{contractId}/actions/{action.Id}", action with { Overdue = ReviewRules.IsOverdue(action.DueOn, action.Status, today) });
        });
    }

    /// <summary>
    /// Approves the review's minutes for the caller's side, as read at <c>version</c>; with both sides' approvals the
    /// review is closed: read-only from then on, its action plan kept as approved.
    /// </summary>
    public static Task<Results<Ok<Review>, NotFound, ProblemHttpResult>> ApproveAsync(
        Guid contractId, Guid reviewId, ApproveInput input, [AsParameters] ReportingServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        return services.Database.ChangeAsync<ReviewRow, Results<Ok<Review>, NotFound, ProblemHttpResult>>(
            services.User, unitOfWork => ReviewStore.LoadAsync(unitOfWork, contractId, reviewId, forUpdate: true),
            async (unitOfWork, review) =>
            {
                if (ReviewRules.Check(input) is { IsEmpty: false } errors)
                {
                    return Problems.Invalid(errors);
                }

                var now = Instants.NowToTheSecond(services.Clock);
                var side = Sides.Of(services.User);
                var header = review.Header;
                var (outcome, refusal) = ReviewRules.Approve(
                    header.Status, input.Version!.Value, header.Version, header.Approvals, side, new Approval(services.User.Name, services.User.Id, now));
                if (refusal is not null)
                {
                    return Problems.Conflict(refusal);
                }

                var after = header with { Approvals = outcome!.Approvals };
                IReadOnlyList<ActionItem>? approvedPlan = null;
                if (outcome.Closes)
                {
                    after = after with { Status = ReviewStatuses.Closed, ClosedAt = now };
                    approvedPlan = await PlanAsync(unitOfWork, review, await TodayAsync(unitOfWork, contractId, services.Clock));
                }

                await ReviewStore.SaveAsync(unitOfWork, after, approvedPlan);
                await AuditAsync(unitOfWork, review.TenantId, services, "review.approved", "review", reviewId, new { header.Approvals }, new { after.Approvals, side },
                    contractId);
                await unitOfWork.AddEventAsync(new ReviewApproved
                {
                    TenantId = review.TenantId, ContractId = contractId, ReviewId = reviewId, Period = header.Period, Side = side,
                    ApprovedBy = services.User.Name, ApprovedById = services.User.Id, AwaitingSide = outcome.Closes ? null : Sides.Other(side), OccurredAt = now,
                });
                if (outcome.Closes)
                {
                    await AuditAsync(unitOfWork, review.TenantId, services, "review.closed", "review", reviewId, new { Status = ReviewStatuses.Open },
                        new { Status = ReviewStatuses.Closed, ClosedAt = now, Actions = approvedPlan!.Count }, contractId);
                    await unitOfWork.AddEventAsync(new ReviewClosed
                    {
                        TenantId = review.TenantId, ContractId = contractId, ReviewId = reviewId, Period = header.Period, ClosedAt = now, OccurredAt = now,
                    });
                }

                var reloaded = (await ReviewStore.LoadAsync(unitOfWork, contractId, reviewId))!;
                return TypedResults.Ok(await ComposeAsync(unitOfWork, reloaded, services));
            },
            () => TypedResults.NotFound(), cancellationToken);
    }

    /// <summary>Exports the review's pack (its figures, comments, decisions, improvement axes and action plan) as CSV, XLSX or PDF, in the caller's language.</summary>
    public static Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> ExportAsync(
        Guid contractId, Guid reviewId, string? format, [AsParameters] ReportingServices services, CancellationToken cancellationToken) =>
        services.Database.ReadAsync<ReviewRow, Results<FileContentHttpResult, NotFound, ProblemHttpResult>>(
            services.User, unitOfWork => ReviewStore.LoadAsync(unitOfWork, contractId, reviewId),
            async (unitOfWork, row) =>
            {
                if (!ExportFormats.All.Contains(format ?? ""))
                {
                    return Problems.Invalid("format", ReviewMessages.FormatUnknown);
                }

                var review = await ComposeAsync(unitOfWork, row, services);
                return ReportExports.File(review, format!);
            },
            () => TypedResults.NotFound(), cancellationToken);

    /// <summary>Lists the contract's whole action plan (every item raised in its reviews, with its follow-up), by due day, each flagged when overdue.</summary>
    public static Task<Results<Ok<ActionItem[]>, NotFound>> ListActionsAsync(
        Guid contractId, [AsParameters] ReportingServices services, CancellationToken cancellationToken) =>
        services.Database.ReadAsync<ContractSummary, Results<Ok<ActionItem[]>, NotFound>>(
            services.User, unitOfWork => ContractReplica.ContractAsync(unitOfWork, contractId), async (unitOfWork, _) =>
            {
                var today = await TodayAsync(unitOfWork, contractId, services.Clock);
                return TypedResults.Ok((await ReviewStore.ActionsAsync(unitOfWork, contractId))
                    .Select(a => a with { Overdue = ReviewRules.IsOverdue(a.DueOn, a.Status, today) }).ToArray());
            },
            () => TypedResults.NotFound(), cancellationToken);

    /// <summary>
    /// Changes an item of the action plan (title, side, person named, due day, status, with an optional follow-up note),
    /// as read at <c>version</c>. The item lives on after the review that raised it is closed; while the contract's
    /// open review lists it, the change is a change to that review's minutes.
    /// </summary>
    public static Task<Results<Ok<ActionItem>, NotFound, ProblemHttpResult>> ChangeActionAsync(
        Guid contractId, Guid actionId, ActionInput input, [AsParameters] ReportingServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        return services.Database.ChangeAsync<ActionToChange, Results<Ok<ActionItem>, NotFound, ProblemHttpResult>>(
            services.User, unitOfWork => LockActionAsync(unitOfWork, contractId, actionId),
            async (unitOfWork, target) =>
            {
                if (ReviewRules.Check(input, isNew: false) is { IsEmpty: false } errors)
                {
                    return Problems.Invalid(errors);
                }

                var before = target.Action;
                if (ReviewRules.RefuseStale(input.Version!.Value, before.Version) is { } stale)
                {
                    return Problems.Conflict(stale);
                }

                var now = Instants.NowToTheSecond(services.Clock);
                var side = Sides.Of(services.User);
                var note = ReviewRules.Clean(input.Note);
                var statusChanged = input.Status != before.Status;
                var step = note is not null || statusChanged
                    ? new ActionNote(Guid.CreateVersion7(), now, services.User.Name, side, note, statusChanged ? before.Status : null, statusChanged ? input.Status : null)
                    : null;
                var after = before with
                {
                    Title = input.Title!.Trim(), Side = input.Side!, Owner = input.Owner!.Trim(), DueOn = input.DueOn!.Value, Status = input.Status!,
                    Version = before.Version + 1, UpdatedAt = now, Notes = step is null ? before.Notes : [.. before.Notes, step],
                };
                await ReviewStore.SaveActionAsync(unitOfWork, target.TenantId, contractId, after);
                if (step is not null)
                {
                    await ReviewStore.AddNoteAsync(unitOfWork, target.TenantId, contractId, actionId, step, services.User.Id);
                }

                if (target.OpenReview is { } open)
                {
                    await MinutesChangedAsync(unitOfWork, open, services, now);
                }

                await ActionChangedAsync(unitOfWork, target.TenantId, contractId, before, after, services, now);
                var today = await TodayAsync(unitOfWork, contractId, services.Clock);
                return TypedResults.Ok(after with { Overdue = ReviewRules.IsOverdue(after.DueOn, after.Status, today) });
            },
            () => TypedResults.NotFound(), cancellationToken);
    }

    /// <summary>Adds a follow-up note to an item of the action plan.</summary>
    public static Task<Results<Ok<ActionItem>, NotFound, ProblemHttpResult>> AddNoteAsync(
        Guid contractId, Guid actionId, NoteInput input, [AsParameters] ReportingServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        return services.Database.ChangeAsync<ActionToChange, Results<Ok<ActionItem>, NotFound, ProblemHttpResult>>(
            services.User, unitOfWork => LockActionAsync(unitOfWork, contractId, actionId),
            async (unitOfWork, target) =>
            {
                if (ReviewRules.Check(input) is { IsEmpty: false } errors)
                {
                    return Problems.Invalid(errors);
                }

                var now = Instants.NowToTheSecond(services.Clock);
                var note = new ActionNote(Guid.CreateVersion7(), now, services.User.Name, Sides.Of(services.User), input.Text!.Trim(), null, null);
                await ReviewStore.AddNoteAsync(unitOfWork, target.TenantId, contractId, actionId, note, services.User.Id);
                if (target.OpenReview is { } open)
                {
                    await MinutesChangedAsync(unitOfWork, open, services, now);
                }

                await AuditAsync(unitOfWork, target.TenantId, services, "action.noted", "action", actionId, null, note, contractId);
                var today = await TodayAsync(unitOfWork, contractId, services.Clock);
                var after = target.Action with { Notes = [.. target.Action.Notes, note] };
                return TypedResults.Ok(after with { Overdue = ReviewRules.IsOverdue(after.DueOn, after.Status, today) });
            },
            () => TypedResults.NotFound(), cancellationToken);
    }

    /// <summary>
    /// The review as <paramref name="services"/>' caller reads it. While it is open its plan is live (overdue as of today
    /// in the contract calendar's zone); once closed, the plan as approved.
    /// </summary>
    internal static async Task<Review> ComposeAsync(UnitOfWork unitOfWork, ReviewRow review, ReportingServices services)
    {
        var reference = (await ContractReplica.ContractAsync(unitOfWork, review.Header.ContractId))?.Reference ?? "";
        return await ComposeAsync(unitOfWork, review, reference, Sides.Of(services.User), services.Clock);
    }

    private static async Task<Review> ComposeAsync(UnitOfWork unitOfWork, ReviewRow review, string reference, string side, TimeProvider clock)
    {
        var header = review.Header;
        var points = await ReviewStore.PointsAsync(unitOfWork, header.ContractId, header.Id);
        var plan = ReviewStore.ApprovedActionsOf(review)
            ?? await PlanAsync(unitOfWork, review, await TodayAsync(unitOfWork, header.ContractId, clock));
        return new Review(
            header with { Reference = reference },
            ReviewStore.SnapshotOf(review).ForSide(side),
            ReviewPlan.CommentsFor(await ReviewStore.CommentsAsync(unitOfWork, header.ContractId, header.Id), side),
            [.. points.Where(p => p.Kind == PointKinds.Decision)],
            [.. points.Where(p => p.Kind == PointKinds.Improvement)],
            plan);
    }

    /// <summary>The review's plan: as approved once closed, else live as of <paramref name="today"/>.</summary>
    private static async Task<IReadOnlyList<ActionItem>> PlanAsync(UnitOfWork unitOfWork, ReviewRow review, DateOnly today) =>
        ReviewStore.ApprovedActionsOf(review)
        ?? ReviewPlan.Of(
            review.Header.Id, await ReviewStore.ActionsOfAsync(unitOfWork, review.Header.ContractId, review.Header.Id),
            await ReviewStore.CarriedAsync(unitOfWork, review.Header.ContractId, review.Header.Id), today);

    /// <summary>Today in the contract calendar's zone (the terms in force now).</summary>
    private static async Task<DateOnly> TodayAsync(UnitOfWork unitOfWork, Guid contractId, TimeProvider clock)
    {
        var now = Instants.NowToTheSecond(clock);
        return ReviewRules.Today(ContractMonths.ZoneAt(await ScorecardStore.VersionsAsync(unitOfWork, contractId), now), now);
    }

    /// <summary>
    /// Locks the contract's open review first (every change to a review locks it before its items, so two changes never
    /// wait on each other), then the item; the review is kept when its plan lists the item.
    /// </summary>
    private static async Task<ActionToChange?> LockActionAsync(UnitOfWork unitOfWork, Guid contractId, Guid actionId)
    {
        var open = await ReviewStore.LockOpenAsync(unitOfWork, contractId);
        if (await ReviewStore.LockActionAsync(unitOfWork, contractId, actionId) is not { } action
            || await ContractReplica.ContractAsync(unitOfWork, contractId) is not { } contract)
        {
            return null;
        }

        var listed = open is not null
            && (action.RaisedInReviewId == open.Header.Id
                || (await ReviewStore.CarriedAsync(unitOfWork, contractId, open.Header.Id)).Any(c => c.ActionId == actionId));
        return new ActionToChange(action, listed ? open : null, contract.TenantId);
    }

    /// <summary>A change to an open review's minutes: a new version, and any approval it had withdrawn (told to the other services).</summary>
    private static async Task MinutesChangedAsync(UnitOfWork unitOfWork, ReviewRow review, ReportingServices services, DateTimeOffset now)
    {
        var outcome = ReviewRules.Change(review.Header.Approvals);
        await ReviewStore.SaveAsync(unitOfWork, review.Header with { Version = review.Header.Version + 1, Approvals = outcome.Approvals });
        foreach (var side in outcome.Withdrawn)
        {
            await AuditAsync(unitOfWork, review.TenantId, services, "review.approval.withdrawn", "review", review.Header.Id,
                new { Side = side, Approval = review.Header.Approvals.Of(side) }, null, review.Header.ContractId);
            await unitOfWork.AddEventAsync(new ReviewApprovalWithdrawn
            {
                TenantId = review.TenantId, ContractId = review.Header.ContractId, ReviewId = review.Header.Id, Period = review.Header.Period, Side = side,
                ChangedBy = services.User.Name, ChangedById = services.User.Id, OccurredAt = now,
            });
        }
    }

    private static async Task ActionChangedAsync(
        UnitOfWork unitOfWork, Guid tenantId, Guid contractId, ActionItem? before, ActionItem after, ReportingServices services, DateTimeOffset now)
    {
        await AuditAsync(unitOfWork, tenantId, services, before is null ? "action.raised" : "action.changed", "action", after.Id,
            before is null ? null : Audited(before), Audited(after), contractId);
        await unitOfWork.AddEventAsync(new ReviewActionChanged
        {
            TenantId = tenantId, ContractId = contractId, ActionId = after.Id, RaisedInReviewId = after.RaisedInReviewId, Title = after.Title, Side = after.Side,
            Owner = after.Owner, DueOn = after.DueOn, Status = after.Status, PreviousStatus = before?.Status, ChangedBy = services.User.Name,
            ChangedById = services.User.Id, OccurredAt = now,
        });
    }

    private static object Audited(ActionItem action) => new { action.Title, action.Side, action.Owner, action.DueOn, action.Status, action.Version };

    private static Task AuditAsync(
        UnitOfWork unitOfWork, Guid tenantId, ReportingServices services, string action, string entityType, Guid entityId, object? before, object? after,
        Guid contractId) =>
        AuditLog.WriteAsync(unitOfWork, tenantId, AuditLog.Actor.Of(services.User), action, entityType, entityId, before, after, contractId);

    /// <summary>A change to an open review: 404 when the caller does not see it, 409 once it is closed.</summary>
    private static Task<Results<TOk, NotFound, ProblemHttpResult>> ChangeReviewAsync<TOk>(
        Guid contractId, Guid reviewId, ReportingServices services, CancellationToken cancellationToken,
        Func<UnitOfWork, ReviewRow, Task<Results<TOk, NotFound, ProblemHttpResult>>> change)
        where TOk : IResult
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.Database.ChangeAsync<ReviewRow, Results<TOk, NotFound, ProblemHttpResult>>(
            services.User, unitOfWork => ReviewStore.LoadAsync(unitOfWork, contractId, reviewId, forUpdate: true),
            async (unitOfWork, review) => ReviewRules.RefuseChange(review.Header.Status) is { } closed ? Problems.Conflict(closed) : await change(unitOfWork, review),
            () => TypedResults.NotFound(), cancellationToken);
    }

    private static Task<Results<Created<ReviewPoint>, NotFound, ProblemHttpResult>> AddPointAsync(
        Guid contractId, Guid reviewId, string kind, string path, PointInput input, ReportingServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ChangeReviewAsync<Created<ReviewPoint>>(contractId, reviewId, services, cancellationToken, async (unitOfWork, review) =>
        {
            if (ReviewRules.Check(kind, input, isNew: true) is { IsEmpty: false } errors)
            {
                return Problems.Invalid(errors);
            }

            var now = Instants.NowToTheSecond(services.Clock);
            var point = new ReviewPoint(
                Guid.CreateVersion7(), kind, kind == PointKinds.Improvement ? input.Axis : null, input.Text!.Trim(), Sides.Of(services.User), services.User.Name,
                now, now, 1);
            await ReviewStore.SavePointAsync(unitOfWork, review.TenantId, contractId, reviewId, point, services.User.Id);
            await MinutesChangedAsync(unitOfWork, review, services, now);
            await AuditAsync(unitOfWork, review.TenantId, services, $"review.{kind}.added", "review", reviewId, null, point, contractId);
            return TypedResults.Created($"/contracts/{contractId}/reviews/{reviewId}/{path}/{point.Id}", point);
        });
    }

    private static Task<Results<Ok<ReviewPoint>, NotFound, ProblemHttpResult>> ChangePointAsync(
        Guid contractId, Guid reviewId, string kind, Guid pointId, PointInput input, ReportingServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ChangeReviewAsync<Ok<ReviewPoint>>(contractId, reviewId, services, cancellationToken, async (unitOfWork, review) =>
        {
            if (await ReviewStore.PointAsync(unitOfWork, contractId, reviewId, kind, pointId) is not { } before)
            {
                return TypedResults.NotFound();
            }

            if (ReviewRules.Check(kind, input, isNew: false) is { IsEmpty: false } errors)
            {
                return Problems.Invalid(errors);
            }

            if (ReviewRules.RefuseStale(input.Version!.Value, before.Version) is { } stale)
            {
                return Problems.Conflict(stale);
            }

            var now = Instants.NowToTheSecond(services.Clock);
            var after = before with
            {
                Axis = kind == PointKinds.Improvement ? input.Axis : null, Text = input.Text!.Trim(), Side = Sides.Of(services.User), Author = services.User.Name,
                UpdatedAt = now, Version = before.Version + 1,
            };
            await ReviewStore.SavePointAsync(unitOfWork, review.TenantId, contractId, reviewId, after, services.User.Id);
            await MinutesChangedAsync(unitOfWork, review, services, now);
            await AuditAsync(unitOfWork, review.TenantId, services, $"review.{kind}.changed", "review", reviewId, before, after, contractId);
            return TypedResults.Ok(after);
        });
    }

    private static Task<Results<NoContent, NotFound, ProblemHttpResult>> RemovePointAsync(
        Guid contractId, Guid reviewId, string kind, Guid pointId, ReportingServices services, CancellationToken cancellationToken) =>
        ChangeReviewAsync<NoContent>(contractId, reviewId, services, cancellationToken, async (unitOfWork, review) =>
        {
            if (await ReviewStore.PointAsync(unitOfWork, contractId, reviewId, kind, pointId) is not { } before)
            {
                return TypedResults.NotFound();
            }

            var now = Instants.NowToTheSecond(services.Clock);
            await ReviewStore.DeletePointAsync(unitOfWork, contractId, pointId);
            await MinutesChangedAsync(unitOfWork, review, services, now);
            await AuditAsync(unitOfWork, review.TenantId, services, $"review.{kind}.removed", "review", reviewId, before, null, contractId);
            return TypedResults.NoContent();
        });
}
