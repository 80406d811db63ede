using Infogerance.Data;
using Infogerance.Incidents.Data;
using Infogerance.Incidents.Domain;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;

namespace Infogerance.Incidents.Api;

public sealed record StatusRequest(string? Status, string? Reason, string? PendingSide, string? Resolution);

/// <summary><see cref="ToMe"/>, or a named agent of the desk, and/or a team.</summary>
public sealed record AssignmentRequest(bool? ToMe, Guid? AssigneeId, string? AssigneeName, string? Team);

public sealed record EscalationRequest(string? Reason);

public sealed record PriorityRequest(string? Impact, string? Urgency, string? Priority, string? Reason);

public sealed record SatisfactionRequest(int? Score, string? Comment);

/// <summary>Working a ticket: status changes, assignment, escalation to level 2, priority, and the requester's rating.</summary>
public static class TicketWorkApi
{
    public static void MapTicketWorkApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/tickets/{ticketId:guid}").RequireAuthorization(Policies.ContractReaders);
        api.MapPost("/status", ChangeStatus);
        api.MapPost("/assignment", Assign);
        api.MapPost("/escalation", Escalate);
        api.MapPost("/priority", ChangePriority);
        api.MapPost("/satisfaction", Rate);
    }

    public static Task<IResult> ChangeStatus(
        Guid ticketId, StatusRequest request, Database database, CurrentUser user, TicketSla sla, ContractTermsStore terms, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Status is null || !Statuses.All.Contains(request.Status))
        {
            errors["status"] = [$"The status is one of {string.Join(", ", Statuses.All)}."];
        }
        else if (request.Status == Statuses.PendingClient)
        {
            if (request.PendingSide is null || !PendingSides.All.Contains(request.PendingSide))
            {
                errors["pendingSide"] = ["Say whose side the wait is on: client or thirdParty."];
            }

            TicketsApi.CheckText(errors, "reason", request.Reason, 1000, required: true, missing: "Say what the ticket waits for.");
        }
        else if (request.Status == Statuses.Resolved)
        {
            TicketsApi.CheckText(errors, "resolution", request.Resolution, TicketsApi.MaxText, required: true, missing: "Describe the resolution.");
        }
        else
        {
            TicketsApi.CheckText(errors, "reason", request.Reason, 1000, required: false);
        }

        if (errors.Count > 0)
        {
            return Task.FromResult<IResult>(Problems.Invalid(errors));
        }

        return TicketAccess.ChangeAsync(database, user, ticketId, cancellationToken, async (unitOfWork, ticket) =>
        {
            var side = TicketAccess.SideOf(user);
            var to = request.Status!;
            var now = TicketAccess.Now(clock);
            var reopen = ticket.IsResolved && to == Statuses.InProgress;
            if (!TicketWorkflow.MayChange(ticket.Status, to, side) || (user.IsInRole(Roles.Auditor) && !TicketAccess.MayOpen(user)))
            {
                return TypedResults.Forbid();
            }

            if (TicketWorkflow.Refusal(ticket.Status, to, side, ticket.ResolvedAt, now, sla.Settings.ReopenWindow) is { } refusal)
            {
                return Problems.Conflict(refusal);
            }

            if (reopen && string.IsNullOrWhiteSpace(request.Reason))
            {
                return TicketAccess.Invalid("reason", "Say why the ticket is reopened.");
            }

            await TicketChanges.SetStatusAsync(
                unitOfWork, ticket, to, TicketAccess.Actor(user), now, note: request.Reason?.Trim(), pendingSide: request.PendingSide,
                pendingReason: request.Reason?.Trim(), resolution: request.Resolution?.Trim());
            return await DetailAsync(unitOfWork, ticket, user, sla, terms, now);
        });
    }

    public static Task<IResult> Assign(
        Guid ticketId, AssignmentRequest request, Database database, CurrentUser user, TicketSla sla, ContractTermsStore terms, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.ToMe is not true && request.AssigneeId is null && string.IsNullOrWhiteSpace(request.Team))
        {
            errors["assigneeId"] = ["Assign the ticket to yourself, to an agent or to a team."];
        }

        if (request.AssigneeId is not null)
        {
            TicketsApi.CheckText(errors, "assigneeName", request.AssigneeName, 200, required: true, missing: "Give the agent's name.");
        }

        TicketsApi.CheckText(errors, "team", request.Team, 100, required: false);
        if (errors.Count > 0)
        {
            return Task.FromResult<IResult>(Problems.Invalid(errors));
        }

        return TicketAccess.ChangeAsync(database, user, ticketId, cancellationToken, async (unitOfWork, ticket) =>
        {
            if (!TicketAccess.IsDesk(user))
            {
                return TypedResults.Forbid();
            }

            if (!Statuses.IsOpen(ticket.Status))
            {
                return Problems.Conflict($"The ticket is {ticket.Status}: it is no longer assigned.");
            }

            var now = TicketAccess.Now(clock);
            var actor = TicketAccess.Actor(user);
            var (assigneeId, assigneeName) = request.ToMe is true ? (user.Id, user.Name) : (request.AssigneeId, request.AssigneeName?.Trim());
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

            return await DetailAsync(unitOfWork, ticket, user, sla, terms, now);
        });
    }

    public static Task<IResult> Escalate(
        Guid ticketId, EscalationRequest request, Database database, CurrentUser user, TicketSla sla, ContractTermsStore terms, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        TicketsApi.CheckText(errors, "reason", request.Reason, 1000, required: true, missing: "Say why the ticket goes to level 2.");
        if (errors.Count > 0)
        {
            return Task.FromResult<IResult>(Problems.Invalid(errors));
        }

        return TicketAccess.ChangeAsync(database, user, ticketId, cancellationToken, async (unitOfWork, ticket) =>
        {
            if (!TicketAccess.IsDesk(user))
            {
                return TypedResults.Forbid();
            }

            if (!Statuses.IsOpen(ticket.Status) || ticket.Level == 2)
            {
                return Problems.Conflict(ticket.Level == 2 ? "The ticket is already at level 2." : $"The ticket is {ticket.Status}.");
            }

            var now = TicketAccess.Now(clock);
            await unitOfWork.ExecuteAsync(
                "UPDATE tickets SET level = 2, updated_at = @now WHERE tenant_id = @TenantId AND ticket_id = @TicketId",
                new { ticket.TenantId, ticket.TicketId, now = now.UtcDateTime });
            await TicketStore.AddHistoryAsync(unitOfWork, ticket, TicketAccess.Actor(user), now, "level", "1", "2", request.Reason!.Trim());
            return await DetailAsync(unitOfWork, ticket, user, sla, terms, now);
        });
    }

    /// <summary>
    /// Changes impact and urgency (the priority follows the matrix) or overrides the priority with a reason. The clocks
    /// keep the time spent and re-read the goal from the contract version in force when the ticket was opened.
    /// </summary>
    public static Task<IResult> ChangePriority(
        Guid ticketId, PriorityRequest request, Database database, CurrentUser user, TicketSla sla, ContractTermsStore terms, TimeProvider clock,
        CancellationToken cancellationToken) =>
        TicketAccess.ChangeAsync(database, user, ticketId, cancellationToken, async (unitOfWork, ticket) =>
        {
            if (!TicketAccess.IsDesk(user))
            {
                return TypedResults.Forbid();
            }

            var errors = new Dictionary<string, string[]>();
            var impact = request.Impact ?? ticket.Impact;
            var urgency = request.Urgency ?? ticket.Urgency;
            foreach (var (field, value) in new[] { ("impact", impact), ("urgency", urgency) })
            {
                if (!PriorityMatrix.Levels.Contains(value))
                {
                    errors[field] = ["Choose high, medium or low."];
                }
            }

            if (request.Priority is not null && !PriorityMatrix.Priorities.Contains(request.Priority))
            {
                errors["priority"] = ["The priority is P1, P2, P3 or P4."];
            }

            if (errors.Count > 0)
            {
                return Problems.Invalid(errors);
            }

            var matrix = PriorityMatrix.PriorityOf(impact, urgency);
            var priority = request.Priority ?? matrix;
            TicketsApi.CheckText(errors, "reason", request.Reason, 1000, required: priority != matrix,
                missing: "Say why the priority differs from what impact and urgency give.");
            if (errors.Count > 0)
            {
                return Problems.Invalid(errors);
            }

            if (!Statuses.IsOpen(ticket.Status))
            {
                return Problems.Conflict($"The ticket is {ticket.Status}: its priority is final.");
            }

            var now = TicketAccess.Now(clock);
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

            return await DetailAsync(unitOfWork, ticket, user, sla, terms, now);
        });

    /// <summary>The requester rates the resolution once, 1 to 5 with an optional comment.</summary>
    public static Task<IResult> Rate(
        Guid ticketId, SatisfactionRequest request, Database database, CurrentUser user, TicketSla sla, ContractTermsStore terms, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Score is not (>= 1 and <= 5))
        {
            errors["score"] = ["The score is from 1 to 5."];
        }

        TicketsApi.CheckText(errors, "comment", request.Comment, 2000, required: false);
        if (errors.Count > 0)
        {
            return Task.FromResult<IResult>(Problems.Invalid(errors));
        }

        return TicketAccess.ChangeAsync(database, user, ticketId, cancellationToken, async (unitOfWork, ticket) =>
        {
            if (ticket.RequesterId != user.Id)
            {
                return TypedResults.Forbid();
            }

            if (!ticket.IsResolved)
            {
                return Problems.Conflict("The ticket is rated once it is resolved.");
            }

            if (ticket.SatisfactionScore is not null)
            {
                return Problems.Conflict("The ticket is already rated.");
            }

            var now = TicketAccess.Now(clock);
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
            return await DetailAsync(unitOfWork, ticket, user, sla, terms, now);
        });
    }

    /// <summary>Brings the clocks up to date after the change and answers the ticket as it now is.</summary>
    private static async Task<IResult> DetailAsync(UnitOfWork unitOfWork, TicketRow before, CurrentUser user, TicketSla sla, ContractTermsStore terms, DateTimeOffset now)
    {
        var ticket = (await TicketStore.ReloadAsync(unitOfWork, before))!;
        var clocks = await sla.SyncAsync(unitOfWork, ticket, now);
        ticket = (await TicketStore.ReloadAsync(unitOfWork, ticket))!;
        return TypedResults.Ok(await TicketViews.DetailAsync(unitOfWork, ticket, clocks, terms, user, sla.Settings, now));
    }
}
