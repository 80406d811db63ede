using Infogerance.Data;
using Infogerance.Incidents.Data;
using Infogerance.Incidents.Domain;
using Infogerance.IntegrationEvents;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Incidents.Api;

using TicketChange = Results<Ok<TicketDetail>, NotFound, ForbidHttpResult, ProblemHttpResult>;

/// <summary>The status to move a ticket to, with what that status needs: a reason and side for a wait, a resolution.</summary>
public sealed record StatusRequest(string? Status, string? Reason, string? PendingSide, string? Resolution);

/// <summary>
/// <see cref="ToMe"/>, or <see cref="AssigneeId"/>, an active agent of the desk of the contract's provider (see
/// <c>GET /contracts/{contractId}/agents</c>), and/or a team.
/// </summary>
public sealed record AssignmentRequest(bool? ToMe, Guid? AssigneeId, string? Team);

/// <summary>Why the ticket goes to level 2.</summary>
public sealed record EscalationRequest(string? Reason);

/// <summary>New impact and urgency (absent: unchanged), or a priority overriding the matrix with its reason.</summary>
public sealed record PriorityRequest(string? Impact, string? Urgency, string? Priority, string? Reason);

/// <summary>The requester's rating: a score of 1 to 5 and an optional comment.</summary>
public sealed record SatisfactionRequest(int? Score, string? Comment);

/// <summary>Working a ticket: status changes, assignment, escalation to level 2, priority, and the requester's rating.</summary>
public static class TicketWorkApi
{
    public static void MapTicketWorkApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/tickets/{ticketId:guid}").RequireAuthorization(Policies.ContractReaders);
        api.MapPost("/status", ChangeStatusAsync);
        api.MapPost("/assignment", AssignAsync);
        api.MapPost("/escalation", EscalateAsync);
        api.MapPost("/priority", ChangePriorityAsync);
        api.MapPost("/satisfaction", RateAsync);
    }

    /// <summary>Moves the ticket to another status: the desk works it, the client answers a wait, closes or reopens it.</summary>
    public static async Task<TicketChange> ChangeStatusAsync(
        Guid ticketId, StatusRequest request, [AsParameters] TicketServices services, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (request.Status is null || !Statuses.All.Contains(request.Status))
        {
            errors.Add("status", TicketMessages.StatusUnknown(Statuses.All));
        }
        else if (request.Status == Statuses.PendingClient)
        {
            if (request.PendingSide is null || !PendingSides.All.Contains(request.PendingSide))
            {
                errors.Add("pendingSide", TicketMessages.PendingSideRequired);
            }

            TextRules.Check(errors, "reason", request.Reason, TicketsApi.MaxReason, required: true, missing: TicketMessages.PendingReasonRequired);
        }
        else if (request.Status == Statuses.Resolved)
        {
            TextRules.Check(errors, "resolution", request.Resolution, TicketsApi.MaxText, required: true, missing: TicketMessages.ResolutionRequired);
        }
        else
        {
            TextRules.Check(errors, "reason", request.Reason, TicketsApi.MaxReason, required: false);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var user = services.User;
        return await TicketAccess.ChangeAsync<TicketChange>(services, ticketId, async (unitOfWork, ticket) =>
        {
            var side = Sides.Of(user);
            var to = request.Status!;
            var now = services.Now;
            var reopen = ticket.IsResolved && to == Statuses.InProgress;
            if (!TicketWorkflow.MayChange(ticket.Status, to, side) || TicketAccess.OnlyReads(user))
            {
                return TypedResults.Forbid();
            }

            if (TicketWorkflow.Refusal(ticket.Status, to, side, ticket.ResolvedAt, now, services.Sla.Settings.ReopenWindow) is { } refusal)
            {
                return Problems.Conflict(refusal);
            }

            if (reopen && string.IsNullOrWhiteSpace(request.Reason))
            {
                return Problems.Invalid("reason", TicketMessages.ReopenReasonRequired);
            }

            await TicketChanges.SetStatusAsync(
                unitOfWork, ticket, to, TicketAccess.Actor(user), now, note: request.Reason?.Trim(), pendingSide: request.PendingSide,
                pendingReason: request.Reason?.Trim(), resolution: request.Resolution?.Trim());
            return await DetailAsync(unitOfWork, ticket, services, now);
        }, () => TypedResults.NotFound(), cancellationToken);
    }

    /// <summary>Assigns the ticket to the caller, to a named agent of the desk and/or to a team; a new ticket becomes assigned.</summary>
    public static async Task<TicketChange> AssignAsync(
        Guid ticketId, AssignmentRequest request, [AsParameters] TicketServices services, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (request.ToMe is not true && request.AssigneeId is null && string.IsNullOrWhiteSpace(request.Team))
        {
            errors.Add("assigneeId", TicketMessages.AssignmentRequired);
        }

        TextRules.Check(errors, "team", request.Team, 100, required: false);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var user = services.User;
        return await TicketAccess.ChangeAsync<TicketChange>(services, ticketId, async (unitOfWork, ticket) =>
        {
            if (!TicketAccess.IsDesk(user))
            {
                return TypedResults.Forbid();
            }

            if (!Statuses.IsOpen(ticket.Status))
            {
                return Problems.Conflict(TicketMessages.NoLongerAssigned(ticket.Status));
            }

            var now = services.Now;
            var actor = TicketAccess.Actor(user);
            Guid? assigneeId = null;
            string? assigneeName = null;
            // The caller's own token says they are an active member of this desk: taking a ticket needs no replica,
            // which may not know a newly invited agent yet. Anyone else must be one of the desk's agents as it knows them.
            if (request.ToMe is true || request.AssigneeId == user.Id)
            {
                (assigneeId, assigneeName) = (user.Id, user.Name);
            }
            else if (request.AssigneeId is { } named)
            {
                var contract = await ContractReplica.ContractAsync(unitOfWork, ticket.ContractId);
                if (contract is null || await PeopleReplica.FindAsync(unitOfWork, contract.ProviderOrganisationId, named) is not { } person
                    || !Assignees.MayBeAssigned(person, contract.ProviderOrganisationId))
                {
                    return Problems.Invalid("assigneeId", TicketMessages.AssigneeNotAgent);
                }

                (assigneeId, assigneeName) = (person.Id, person.DisplayName);
            }

            var team = string.IsNullOrWhiteSpace(request.Team) ? ticket.Team : request.Team.Trim();
            if (assigneeId is null)
            {
                (assigneeId, assigneeName) = (ticket.AssigneeId, ticket.AssigneeName);
            }

            await unitOfWork.ExecuteAsync(
                """
                UPDATE tickets SET assignee_id = @assigneeId, assignee_name = @assigneeName, team = @team, updated_at = @now
                WHERE tenant_id = @TenantId AND ticket_id = @TicketId
                """,
                new { ticket.TenantId, ticket.TicketId, assigneeId, assigneeName, team, now = now.UtcDateTime });
            if (assigneeId != ticket.AssigneeId)
            {
                await TicketStore.AddHistoryAsync(unitOfWork, ticket, actor, now, "assignee", ticket.AssigneeName, assigneeName);
            }

            if (team != ticket.Team)
            {
                await TicketStore.AddHistoryAsync(unitOfWork, ticket, actor, now, "team", ticket.Team, team);
            }

            if (ticket.Status == Statuses.New)
            {
                await TicketChanges.SetStatusAsync(unitOfWork, ticket, Statuses.Assigned, actor, now);
            }

            return await DetailAsync(unitOfWork, ticket, services, now);
        }, () => TypedResults.NotFound(), cancellationToken);
    }

    /// <summary>Sends the ticket to level 2, saying why.</summary>
    public static async Task<TicketChange> EscalateAsync(
        Guid ticketId, EscalationRequest request, [AsParameters] TicketServices services, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        TextRules.Check(errors, "reason", request.Reason, TicketsApi.MaxReason, required: true, missing: TicketMessages.EscalationReasonRequired);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var user = services.User;
        return await TicketAccess.ChangeAsync<TicketChange>(services, ticketId, async (unitOfWork, ticket) =>
        {
            if (!TicketAccess.IsDesk(user))
            {
                return TypedResults.Forbid();
            }

            if (!Statuses.IsOpen(ticket.Status) || ticket.Level == 2)
            {
                return Problems.Conflict(ticket.Level == 2 ? TicketMessages.AlreadyLevel2 : TicketMessages.NotOpen(ticket.Status));
            }

            var now = services.Now;
            await unitOfWork.ExecuteAsync(
                "UPDATE tickets SET level = 2, updated_at = @now WHERE tenant_id = @TenantId AND ticket_id = @TicketId",
                new { ticket.TenantId, ticket.TicketId, now = now.UtcDateTime });
            await TicketStore.AddHistoryAsync(unitOfWork, ticket, TicketAccess.Actor(user), now, "level", "1", "2", request.Reason!.Trim());
            return await DetailAsync(unitOfWork, ticket, services, now);
        }, () => TypedResults.NotFound(), cancellationToken);
    }

    /// <summary>
    /// Changes the ticket's impact and urgency (the priority follows the matrix) or overrides the priority with a reason. The clocks
    /// keep the time spent and re-read the goal from the contract version in force when the ticket was opened.
    /// </summary>
    public static Task<TicketChange> ChangePriorityAsync(
        Guid ticketId, PriorityRequest request, [AsParameters] TicketServices services, CancellationToken cancellationToken) =>
        TicketAccess.ChangeAsync<TicketChange>(services, ticketId, async (unitOfWork, ticket) =>
        {
            var user = services.User;
            if (!TicketAccess.IsDesk(user))
            {
                return TypedResults.Forbid();
            }

            var errors = new FieldErrors();
            var impact = request.Impact ?? ticket.Impact;
            var urgency = request.Urgency ?? ticket.Urgency;
            foreach (var (field, value) in new[] { ("impact", impact), ("urgency", urgency) })
            {
                if (!PriorityMatrix.Levels.Contains(value))
                {
                    errors.Add(field, TicketMessages.LevelOfMatrixUnknown);
                }
            }

            if (request.Priority is not null && !PriorityMatrix.Priorities.Contains(request.Priority))
            {
                errors.Add("priority", TicketMessages.PriorityUnknown);
            }

            if (!errors.IsEmpty)
            {
                return Problems.Invalid(errors);
            }

            var matrix = PriorityMatrix.PriorityOf(impact, urgency);
            var priority = request.Priority ?? matrix;
            TextRules.Check(errors, "reason", request.Reason, TicketsApi.MaxReason, required: priority != matrix, missing: TicketMessages.PriorityReasonRequired);
            if (!errors.IsEmpty)
            {
                return Problems.Invalid(errors);
            }

            if (!Statuses.IsOpen(ticket.Status))
            {
                return Problems.Conflict(TicketMessages.PriorityFinal(ticket.Status));
            }

            var now = services.Now;
            var actor = TicketAccess.Actor(user);
            var reason = priority == matrix ? null : request.Reason!.Trim();
            await unitOfWork.ExecuteAsync(
                """
                UPDATE tickets SET impact = @impact, urgency = @urgency, priority = @priority, priority_reason = @reason, updated_at = @now
                WHERE tenant_id = @TenantId AND ticket_id = @TicketId
                """,
                new { ticket.TenantId, ticket.TicketId, impact, urgency, priority, reason, now = now.UtcDateTime });
            foreach (var (field, before, after) in new[] { ("impact", ticket.Impact, impact), ("urgency", ticket.Urgency, urgency), ("priority", ticket.Priority, priority) })
            {
                if (before != after)
                {
                    await TicketStore.AddHistoryAsync(unitOfWork, ticket, actor, now, field, before, after, field == "priority" ? request.Reason?.Trim() : null);
                }
            }

            return await DetailAsync(unitOfWork, ticket, services, now);
        }, () => TypedResults.NotFound(), cancellationToken);

    /// <summary>Records the requester's rating of the resolution (once, 1 to 5 with an optional comment).</summary>
    public static async Task<TicketChange> RateAsync(
        Guid ticketId, SatisfactionRequest request, [AsParameters] TicketServices services, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (request.Score is not (>= 1 and <= 5))
        {
            errors.Add("score", TicketMessages.ScoreRange);
        }

        TextRules.Check(errors, "comment", request.Comment, 2000, required: false);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var user = services.User;
        return await TicketAccess.ChangeAsync<TicketChange>(services, ticketId, async (unitOfWork, ticket) =>
        {
            if (ticket.RequesterId != user.Id)
            {
                return TypedResults.Forbid();
            }

            if (!ticket.IsResolved)
            {
                return Problems.Conflict(TicketMessages.RatedOnceResolved);
            }

            if (ticket.SatisfactionScore is not null)
            {
                return Problems.Conflict(TicketMessages.AlreadyRated);
            }

            var now = services.Now;
            var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
            await unitOfWork.ExecuteAsync(
                """
                UPDATE tickets SET satisfaction_score = @score, satisfaction_comment = @comment, rated_at = @now, updated_at = @now
                WHERE tenant_id = @TenantId AND ticket_id = @TicketId
                """,
                new { ticket.TenantId, ticket.TicketId, score = (short)request.Score!.Value, comment, now = now.UtcDateTime });
            await TicketStore.AddHistoryAsync(unitOfWork, ticket, TicketAccess.Actor(user), now, "satisfaction", null, request.Score.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), comment);
            await unitOfWork.AddEventAsync(new TicketRated
            {
                TenantId = ticket.TenantId, ContractId = ticket.ContractId, TicketId = ticket.TicketId, Score = request.Score.Value, Comment = comment, OccurredAt = now,
            });
            return await DetailAsync(unitOfWork, ticket, services, now);
        }, () => TypedResults.NotFound(), cancellationToken);
    }

    /// <summary>Brings the clocks up to date after the change and answers the ticket as it now is.</summary>
    private static async Task<Ok<TicketDetail>> DetailAsync(UnitOfWork unitOfWork, TicketRow before, TicketServices services, DateTimeOffset now)
    {
        var (ticket, clocks) = await services.Sla.SyncAsync(unitOfWork, (await TicketStore.ReloadAsync(unitOfWork, before))!, now);
        return TypedResults.Ok(await TicketViews.DetailAsync(unitOfWork, ticket, clocks, services.Terms, services.User, services.Sla.Settings, now));
    }
}
