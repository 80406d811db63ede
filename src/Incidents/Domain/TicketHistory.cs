using Infogerance.Data;
using System.Globalization;
using Infogerance.Documents;
using Infogerance.Validation;
using NodaTime;
using NodaTime.Text;

namespace Infogerance.Incidents.Domain;

/// <summary>One change of a ticket as the file gives it, before any check: text as read.</summary>
public sealed class RawTicketEvent
{
    public required FilePlace Place { get; init; }
    public string? At { get; set; }
    public string? Status { get; set; }
    public string? By { get; set; }
    public string? PendingSide { get; set; }
    public string? Reason { get; set; }
    public string? Resolution { get; set; }
    public string? Assignee { get; set; }
    public string? Team { get; set; }
}

/// <summary>One ticket as the file gives it, before any check.</summary>
public sealed class RawTicket
{
    /// <summary>Where the ticket's own fields are: its CSV opening line, or its JSON object.</summary>
    public required FilePlace Place { get; init; }

    /// <summary>"at" in CSV (the opening line's time), "openedAt" in JSON.</summary>
    public required string OpenedAtField { get; init; }

    public string? Reference { get; set; }
    public string? Kind { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Impact { get; set; }
    public string? Urgency { get; set; }
    public string? Priority { get; set; }
    public string? PriorityReason { get; set; }
    public string? Level { get; set; }
    public string? Requester { get; set; }
    public string? OpenedAt { get; set; }

    /// <summary>CSV only: the "by" of the opening line, which can only be the requester.</summary>
    public string? By { get; set; }

    public List<RawTicketEvent> Events { get; } = [];

    /// <summary>Where to report a problem with the events as a whole (JSON: "tickets[i]" + ".events").</summary>
    public FilePlace? EventsPlace { get; init; }
}

/// <summary>What the checks compare the file with.</summary>
/// <param name="Now">Nothing in the file may be later.</param>
/// <param name="Earliest">No ticket may be opened earlier (see <see cref="TicketHistory.HistoryYears"/>).</param>
/// <param name="Zone">The zone of times written without an offset: the contract's calendar zone.</param>
public sealed record TicketHistoryContext(DateTimeOffset Now, DateTimeOffset Earliest, DateTimeZone Zone, TimeSpan ReopenWindow, TimeSpan AutoCloseAfter);

/// <summary>A checked change: times in whole seconds, values as the tickets store them.</summary>
/// <param name="Reopen">A resolved or closed ticket back in progress.</param>
public sealed record ImportedEvent(
    FilePlace Place, DateTimeOffset At, string Status, bool Reopen, string ActorName, string ActorSide, string? PendingSide, string? Reason,
    string? Resolution, string? Assignee, string? Team);

/// <summary>A checked ticket, ready to be replayed and written.</summary>
/// <param name="PriorityReason">Set when the priority differs from what impact and urgency give.</param>
public sealed record ImportedTicket(
    FilePlace Place, string Reference, string Kind, string Title, string Description, string Impact, string Urgency, string Priority,
    string? PriorityReason, short Level, string RequesterName, DateTimeOffset OpenedAt, IReadOnlyList<ImportedEvent> Events);

public sealed record ImportedPause(DateTimeOffset From, DateTimeOffset? To, string Kind);

public sealed record ImportedHistoryEntry(DateTimeOffset At, string ActorName, string ActorSide, string Field, string? Before, string? After, string? Note);

/// <summary>A ticket's state after its whole history, as the portal would have left it: the row, its pauses and its history.</summary>
public sealed record ReplayedTicket(
    ImportedTicket Ticket, string Status, string? PendingSide, string? PendingReason, string? AssigneeName, string? Team, DateTimeOffset UpdatedAt,
    DateTimeOffset? RespondedAt, DateTimeOffset? ResolvedAt, string? Resolution, DateTimeOffset? ClosedAt, int ReopenCount,
    IReadOnlyList<ImportedPause> Pauses, IReadOnlyList<ImportedHistoryEntry> History);

/// <summary>
/// The rules of a takeover import, whatever the file's format: the values a ticket and its changes may take (English
/// codes or French labels), times with an offset or in the contract's zone, in order and not in the future, changes
/// legal by <see cref="TicketWorkflow"/>; and the replay that turns a checked history into the ticket's state.
/// </summary>
public static class TicketHistory
{
    /// <summary>How far before the contract's first version takes effect an imported ticket may have been opened.</summary>
    public const int HistoryYears = 2;

    public const int MaxReference = 100;
    public const int MaxName = 200;
    public const int MaxTeam = 100;
    public const int MaxReason = 1000;
    public const int MaxEvents = 200;

    /// <summary>The status word that reopens a resolved or closed ticket (it becomes inProgress).</summary>
    public const string Reopened = "reopened";

    public const string ImportActor = "import";

    private static readonly LabelAliases StatusAliases = new(
        (Statuses.New, ["new", "opened", "open", "created", "nouveau", "ouvert", "ouverture", "cree", "creation"]),
        (Statuses.Assigned, ["assigned", "assigne", "affecte", "attribue"]),
        (Statuses.InProgress, ["inprogress", "encours", "entraitement", "started", "priseencharge"]),
        (Statuses.PendingClient, ["pendingclient", "pending", "enattente", "enattenteclient", "enattenteduclient", "attenteclient", "suspendu"]),
        (Statuses.Resolved, ["resolved", "solved", "resolu"]),
        (Statuses.Closed, ["closed", "clos", "ferme", "cloture"]),
        (Reopened, ["reopened", "reopen", "rouvert", "reouvert", "reouverture", "rouverture"]));

    private static readonly LabelAliases KindAliases = new(
        (TicketKinds.Incident, ["incident", "incidents"]),
        (TicketKinds.Request, ["request", "servicerequest", "demande", "demandedeservice"]));

    private static readonly LabelAliases LevelAliases = new(
        (PriorityMatrix.High, ["high", "haute", "haut", "elevee", "eleve", "forte", "fort"]),
        (PriorityMatrix.Medium, ["medium", "moyenne", "moyen", "normale", "normal"]),
        (PriorityMatrix.Low, ["low", "basse", "bas", "faible"]));

    private static readonly LabelAliases PriorityAliases = new(
        ("P1", ["p1", "1"]), ("P2", ["p2", "2"]), ("P3", ["p3", "3"]), ("P4", ["p4", "4"]));

    private static readonly LabelAliases PendingSideAliases = new(
        (PendingSides.Client, ["client"]),
        (PendingSides.ThirdParty, ["thirdparty", "tiers", "tierce", "tiercepartie"]));

    private static readonly LabelAliases SupportLevelAliases = new(
        ("1", ["1", "n1", "l1", "niveau1", "level1"]),
        ("2", ["2", "n2", "l2", "niveau2", "level2"]));

    private static readonly OffsetDateTimePattern[] OffsetPatterns =
    [
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<G>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    private static readonly OffsetPattern OffsetText = OffsetPattern.CreateWithInvariantCulture("+HH:mm");

    private static readonly LocalDateTimePattern[] LocalPatterns =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFF"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("dd'/'MM'/'uuuu H':'mm':'ss"),
        LocalDateTimePattern.CreateWithInvariantCulture("dd'/'MM'/'uuuu H':'mm"),
    ];

    /// <summary>The impact and urgency given to a ticket the file gives only a priority for: the matrix's diagonal.</summary>
    public static (string Impact, string Urgency) MatrixOf(string priority) => priority switch
    {
        "P1" => (PriorityMatrix.High, PriorityMatrix.High),
        "P2" => (PriorityMatrix.High, PriorityMatrix.Medium),
        "P3" => (PriorityMatrix.Medium, PriorityMatrix.Medium),
        _ => (PriorityMatrix.Low, PriorityMatrix.Low),
    };

    /// <summary>The status code of a status word (English code or French label), <see cref="Reopened"/>, or null.</summary>
    public static string? StatusOf(string? text) => StatusAliases.CodeOf(text);

    /// <summary>
    /// Checks every ticket and answers those without any problem; every problem goes to <paramref name="errors"/>.
    /// The caller writes nothing unless <paramref name="errors"/> stays empty.
    /// </summary>
    public static IReadOnlyList<ImportedTicket> Check(IEnumerable<RawTicket> tickets, TicketHistoryContext context, ImportErrors errors)
    {
        var valid = new List<ImportedTicket>();
        var seen = new Dictionary<string, FilePlace>(StringComparer.Ordinal);
        foreach (var raw in tickets)
        {
            if (CheckTicket(raw, context, errors, seen) is { } ticket)
            {
                valid.Add(ticket);
            }
        }

        return valid;
    }

    private static ImportedTicket? CheckTicket(RawTicket raw, TicketHistoryContext context, ImportErrors errors, Dictionary<string, FilePlace> seen)
    {
        var bad = false;
        void Fail(FilePlace place, string field, Message message)
        {
            bad = true;
            errors.Add(place, field, message);
        }

        var place = raw.Place;
        var reference = Text(raw.Reference);
        if (reference is null)
        {
            Fail(place, "reference", TicketImportMessages.ReferenceRequired);
        }
        else if (reference.Length > MaxReference)
        {
            Fail(place, "reference", ImportMessages.TooLong(MaxReference));
        }
        else if (seen.TryGetValue(reference, out var first))
        {
            Fail(place, "reference", TicketImportMessages.ReferenceUsed(reference, first));
        }
        else
        {
            seen[reference] = place;
        }

        var kind = Coded(raw.Kind, KindAliases, place, "kind", TicketImportMessages.KnownKinds, Fail);
        var title = Required(raw.Title, TicketsLimits.MaxTitle, place, "title", Fail);
        var description = Optional(raw.Description, TicketsLimits.MaxText, place, "description", Fail) ?? "";
        var requester = Required(raw.Requester, MaxName, place, "requester", Fail);
        var priorityReason = Optional(raw.PriorityReason, MaxReason, place, "priorityReason", Fail);

        var impact = Text(raw.Impact) is null ? null : Coded(raw.Impact, LevelAliases, place, "impact", TicketImportMessages.KnownLevels, Fail);
        var urgency = Text(raw.Urgency) is null ? null : Coded(raw.Urgency, LevelAliases, place, "urgency", TicketImportMessages.KnownLevels, Fail);
        var priority = Text(raw.Priority) is null ? null : Coded(raw.Priority, PriorityAliases, place, "priority", TicketImportMessages.KnownPriorities, Fail);
        string? reason = null;
        if (Text(raw.Impact) is null && Text(raw.Urgency) is null)
        {
            if (Text(raw.Priority) is null)
            {
                Fail(place, "impact", TicketImportMessages.PriorityMissing);
            }
            else if (priority is not null)
            {
                (impact, urgency) = MatrixOf(priority);
            }
        }
        else if (Text(raw.Impact) is null || Text(raw.Urgency) is null)
        {
            Fail(place, Text(raw.Impact) is null ? "impact" : "urgency", TicketImportMessages.ImpactAndUrgencyTogether);
        }
        else if (impact is not null && urgency is not null)
        {
            var matrix = PriorityMatrix.PriorityOf(impact, urgency);
            priority ??= Text(raw.Priority) is null ? matrix : null;
            if (priority is not null && priority != matrix)
            {
                reason = priorityReason ?? "Priority set by the outgoing provider.";
            }
        }

        short level = 1;
        if (Text(raw.Level) is not null)
        {
            var code = Coded(raw.Level, SupportLevelAliases, place, "level", TicketImportMessages.KnownSupportLevels, Fail);
            level = code == "2" ? (short)2 : (short)1;
        }

        if (Text(raw.By) is { } by && requester is not null && Labels.Key(by) != Labels.Key(requester))
        {
            Fail(place, "by", TicketImportMessages.OpenedByRequester);
        }

        var openedAt = Instant(raw.OpenedAt, context, place, raw.OpenedAtField, Fail);
        if (openedAt is { } opened && opened < context.Earliest)
        {
            Fail(place, raw.OpenedAtField, TicketImportMessages.TooOld(
                NodaTime.Instant.FromDateTimeOffset(context.Earliest).InZone(context.Zone).Date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), HistoryYears));
            openedAt = null;
        }

        if (raw.Events.Count > MaxEvents)
        {
            Fail(raw.EventsPlace ?? raw.Events[MaxEvents].Place, "", TicketImportMessages.TooManyChanges(MaxEvents));
        }

        var events = new List<ImportedEvent>(raw.Events.Count);
        string? state = Statuses.New;
        DateTimeOffset? resolvedAt = null;
        var previous = openedAt;
        var afterOpening = true;
        foreach (var change in raw.Events)
        {
            var at = Instant(change.At, context, change.Place, "at", Fail);
            if (at is { } time && previous is { } before && time < before)
            {
                var shown = Format(before, context.Zone);
                Fail(change.Place, "at", afterOpening ? TicketImportMessages.BeforeOpening(shown) : TicketImportMessages.BeforePreviousChange(shown));
            }

            if (at is not null)
            {
                previous = at;
                afterOpening = false;
            }

            var status = StatusOf(change.Status);
            if (Text(change.Status) is null)
            {
                Fail(change.Place, "status", TicketImportMessages.StatusRequired);
            }
            else if (status is null)
            {
                Fail(change.Place, "status", TicketImportMessages.NotAStatus(change.Status!.Trim()));
            }

            var to = status == Reopened ? Statuses.InProgress : status;
            var reopen = to == Statuses.InProgress && state is Statuses.Resolved or Statuses.Closed;
            var side = to == Statuses.Closed || reopen ? Sides.Client : Sides.Provider;

            string? pendingSide = null;
            if (to == Statuses.PendingClient)
            {
                pendingSide = Text(change.PendingSide) is null
                    ? Fail2(change.Place, "pendingSide", TicketImportMessages.PendingSideRequired, Fail)
                    : Coded(change.PendingSide, PendingSideAliases, change.Place, "pendingSide", TicketImportMessages.KnownPendingSides, Fail);
                if (Text(change.Reason) is null)
                {
                    Fail(change.Place, "reason", TicketImportMessages.WaitReasonRequired);
                }
            }
            else if (Text(change.PendingSide) is not null && status is not null)
            {
                Fail(change.Place, "pendingSide", TicketImportMessages.PendingSideWithoutWait);
            }

            string? resolution = null;
            if (to == Statuses.Resolved)
            {
                resolution = Required(change.Resolution, TicketsLimits.MaxText, change.Place, "resolution", Fail, TicketImportMessages.ResolutionRequired);
            }
            else if (Text(change.Resolution) is not null && status is not null)
            {
                Fail(change.Place, "resolution", TicketImportMessages.ResolutionWithoutResolve);
            }

            var note = Optional(change.Reason, MaxReason, change.Place, "reason", Fail);
            var actor = Optional(change.By, MaxName, change.Place, "by", Fail);
            var assignee = Optional(change.Assignee, MaxName, change.Place, "assignee", Fail);
            var team = Optional(change.Team, MaxTeam, change.Place, "team", Fail);

            if (to is not null)
            {
                // Without this change's time the reopen window cannot be checked: the rest of the workflow still is.
                if (state is not null && Refusal(state, status!, to, at is null ? null : resolvedAt, at ?? context.Now, context.ReopenWindow) is { } refusal)
                {
                    Fail(change.Place, "status", refusal);
                }

                // After a refused change the next is checked against the status the file claims, so each bad line
                // is reported for itself rather than every later line for the first one.
                resolvedAt = to == Statuses.Resolved ? at : reopen ? null : resolvedAt;
                state = to;
                if (at is { } when)
                {
                    events.Add(new ImportedEvent(change.Place, when, to, reopen, actor ?? ImportActor, side, pendingSide, note, resolution, assignee, team));
                }
            }
            else
            {
                // An unknown status: the next change cannot be checked against it.
                state = null;
            }
        }

        return bad
            ? null
            : new ImportedTicket(place, reference!, kind!, title!, description, impact!, urgency!, priority!, reason, level, requester!, openedAt!.Value, events);
    }

    /// <summary>Why the change is not legal, or null: <see cref="TicketWorkflow"/>'s rules, with an import's wording where they differ.</summary>
    private static Message? Refusal(string from, string status, string to, DateTimeOffset? resolvedAt, DateTimeOffset at, TimeSpan reopenWindow)
    {
        if (status == Reopened && from is not (Statuses.Resolved or Statuses.Closed))
        {
            return TicketImportMessages.ReopenNotResolved(from);
        }

        if (to == Statuses.New)
        {
            return TicketImportMessages.BackToNew;
        }

        if (to == Statuses.Assigned)
        {
            // The portal assigns only a new ticket (the assignment API); a reassignment changes no status.
            return from == Statuses.New ? null : TicketImportMessages.AssignedNotNew(from);
        }

        return TicketWorkflow.Refusal(from, to, Sides.Provider, resolvedAt, at, reopenWindow);
    }

    /// <summary>
    /// The ticket's state after its history, as the portal would have left it: the first change after opening is the
    /// desk's response; a wait on the client is a pause until the next change; a reopen adds the resolved period as a
    /// pause and clears the resolution. A ticket still resolved when its quiet period is over is closed at its end, by
    /// the system, as the scheduler would have done.
    /// </summary>
    public static ReplayedTicket Replay(ImportedTicket ticket, TimeSpan autoCloseAfter, DateTimeOffset now)
    {
        var note = $"Imported from the outgoing provider's history ({ticket.Reference}).";
        var history = new List<ImportedHistoryEntry>
        {
            new(ticket.OpenedAt, ticket.RequesterName, Sides.Client, "status", null, Statuses.New,
                ticket.PriorityReason is null ? note : $"{note} {ticket.Priority}: {ticket.PriorityReason}"),
        };
        var events = ticket.Events.ToList();
        if (events.Count > 0 && events[^1] is { Status: Statuses.Resolved } last && last.At + autoCloseAfter <= now)
        {
            events.Add(new ImportedEvent(
                last.Place, last.At + autoCloseAfter, Statuses.Closed, false, "system", Sides.System, null,
                $"Closed automatically after {autoCloseAfter.TotalDays:0} quiet days.", null, null, null));
        }

        var status = Statuses.New;
        string? pendingSide = null, pendingReason = null, assignee = null, team = null, resolution = null;
        DateTimeOffset? respondedAt = null, resolvedAt = null, closedAt = null, pausedFrom = null;
        var reopens = 0;
        var pauses = new List<ImportedPause>();
        var updatedAt = ticket.OpenedAt;
        foreach (var change in events)
        {
            var (from, to) = (status, change.Status);
            if (change.Assignee is { } newAssignee && newAssignee != assignee)
            {
                history.Add(new(change.At, change.ActorName, change.ActorSide, "assignee", assignee, newAssignee, null));
                assignee = newAssignee;
            }

            if (change.Team is { } newTeam && newTeam != team)
            {
                history.Add(new(change.At, change.ActorName, change.ActorSide, "team", team, newTeam, null));
                team = newTeam;
            }

            if (respondedAt is null && change.ActorSide == Sides.Provider)
            {
                respondedAt = change.At;
            }

            if (from == Statuses.PendingClient && pausedFrom is { } pendingFrom)
            {
                if (change.At > pendingFrom)
                {
                    pauses.Add(new(pendingFrom, change.At, Statuses.PendingClient));
                }

                pausedFrom = null;
            }

            if (to == Statuses.PendingClient)
            {
                pausedFrom = change.At;
            }

            if (change.Reopen && resolvedAt is { } resolved && change.At > resolved)
            {
                pauses.Add(new(resolved, change.At, Statuses.Resolved));
            }

            resolvedAt = to == Statuses.Resolved ? change.At : change.Reopen ? null : resolvedAt;
            resolution = to == Statuses.Resolved ? change.Resolution : change.Reopen ? null : resolution;
            closedAt = to == Statuses.Closed ? change.At : null;
            reopens += change.Reopen ? 1 : 0;
            history.Add(new(change.At, change.ActorName, change.ActorSide, "status", from, to, change.Reason ?? change.Resolution));
            if (to == Statuses.PendingClient)
            {
                history.Add(new(change.At, change.ActorName, change.ActorSide, "pendingSide", pendingSide, change.PendingSide, null));
            }

            (pendingSide, pendingReason) = to == Statuses.PendingClient ? (change.PendingSide, change.Reason) : (null, null);
            status = to;
            updatedAt = change.At;
        }

        if (pausedFrom is { } open)
        {
            pauses.Add(new(open, null, Statuses.PendingClient));
        }

        return new ReplayedTicket(
            ticket, status, pendingSide, pendingReason, assignee, team, updatedAt, respondedAt, resolvedAt, resolution, closedAt, reopens, pauses, history);
    }

    /// <summary>
    /// An instant written ISO 8601 with an offset (<c>2025-03-03T09:12:00+01:00</c>, <c>…Z</c>) or without one, in the
    /// contract's zone (<c>2025-03-03T09:12:00</c>, <c>2025-03-03 09:12</c>, <c>03/03/2025 09:12</c>); to the second.
    /// </summary>
    public static DateTimeOffset? ParseInstant(string text, DateTimeZone zone, out Message? problem)
    {
        problem = null;
        var value = text.Trim();
        if (value.Length > 10 && value[10] == ' ' && char.IsAsciiDigit(value[0]) && value[4] == '-')
        {
            value = string.Concat(value.AsSpan(0, 10), "T", value.AsSpan(11).TrimStart());
        }

        foreach (var pattern in OffsetPatterns)
        {
            if (pattern.Parse(value) is { Success: true } parsed)
            {
                return Whole(parsed.Value.ToDateTimeOffset());
            }
        }

        foreach (var pattern in LocalPatterns)
        {
            if (pattern.Parse(value) is { Success: true } parsed)
            {
                var mapping = zone.MapLocal(parsed.Value);
                switch (mapping.Count)
                {
                    case 1:
                        return Whole(mapping.Single().ToDateTimeOffset());
                    case 0:
                        problem = TicketImportMessages.SkippedTime(text.Trim(), zone.Id);
                        return null;
                    default:
                        problem = TicketImportMessages.AmbiguousTime(
                            text.Trim(), zone.Id, OffsetText.Format(mapping.First().Offset), OffsetText.Format(mapping.Last().Offset));
                        return null;
                }
            }
        }

        problem = TicketImportMessages.NotADateTime(text.Trim(), zone.Id);
        return null;
    }

    private static DateTimeOffset? Instant(string? text, TicketHistoryContext context, FilePlace place, string field, Action<FilePlace, string, Message> fail)
    {
        if (Text(text) is null)
        {
            fail(place, field, TicketImportMessages.TimeRequired);
            return null;
        }

        if (ParseInstant(text!, context.Zone, out var problem) is not { } instant)
        {
            fail(place, field, problem!);
            return null;
        }

        if (instant > context.Now)
        {
            fail(place, field, TicketImportMessages.InTheFuture(Format(context.Now, context.Zone)));
            return null;
        }

        return instant;
    }

    private static string Format(DateTimeOffset instant, DateTimeZone zone) =>
        NodaTime.Instant.FromDateTimeOffset(instant).InZone(zone).ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static DateTimeOffset Whole(DateTimeOffset instant) => instant.AddTicks(-(instant.Ticks % TimeSpan.TicksPerSecond));

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <param name="known">What the field takes; its code is the code of the refusal.</param>
    private static string? Coded(string? value, LabelAliases aliases, FilePlace place, string field, Message known, Action<FilePlace, string, Message> fail)
    {
        if (Text(value) is not { } text)
        {
            fail(place, field, ImportMessages.Required);
            return null;
        }

        if (aliases.CodeOf(text) is { } code)
        {
            return code;
        }

        fail(place, field, TicketImportMessages.NotKnown(text, known));
        return null;
    }

    private static string? Required(string? value, int max, FilePlace place, string field, Action<FilePlace, string, Message> fail, Message? missing = null)
    {
        if (Text(value) is null)
        {
            fail(place, field, missing ?? ImportMessages.Required);
            return null;
        }

        return Optional(value, max, place, field, fail);
    }

    private static string? Optional(string? value, int max, FilePlace place, string field, Action<FilePlace, string, Message> fail)
    {
        var text = Text(value);
        if (text is not null && text.Length > max)
        {
            fail(place, field, ImportMessages.TooLong(max));
            return null;
        }

        return text;
    }

    private static string? Fail2(FilePlace place, string field, Message message, Action<FilePlace, string, Message> fail)
    {
        fail(place, field, message);
        return null;
    }

    /// <summary>The portal's limits on a ticket's texts (<c>TicketsApi</c>), which the Domain cannot reference.</summary>
    private static class TicketsLimits
    {
        public const int MaxTitle = 200;
        public const int MaxText = 20_000;
    }
}

/// <summary>What the ticket history import says of a file, beside what every import says (<see cref="ImportMessages"/>).</summary>
public static class TicketImportMessages
{
    public static readonly Message NotSigned = new(
        "import.contract.notSigned", "The contract is not signed yet: its tickets are imported once its terms are in force.",
        "Le contrat n'est pas encore signé : ses tickets s'importent une fois ses conditions en vigueur.");

    public static readonly Message Closed = new(
        "import.contract.closed", "The contract is closed: no tickets are imported into it.",
        "Le contrat est clos : aucun ticket n'y est importé.");

    // ---------------------------------------------------------------- the file as a whole

    public static readonly Message NoTickets = new("ticketImport.file.noTickets", "The file has no tickets.", "Le fichier ne contient aucun ticket.");

    public static readonly Message EmptyFile = new(
        "ticketImport.file.empty",
        "The file is empty: its first line is the header naming the columns (reference, at, status, kind, title, requester, …).",
        "Le fichier est vide : sa première ligne est l'en-tête qui nomme les colonnes (reference, at, status, kind, title, requester, …).");

    public static readonly Message NotTicketsObject = new(
        "ticketImport.json.notTicketsObject",
        "The JSON is an object whose \"tickets\" is the array of tickets: {\"tickets\": [{\"reference\": …, \"events\": […]}]}.",
        "Le JSON est un objet dont « tickets » est le tableau des tickets : {\"tickets\": [{\"reference\": …, \"events\": […]}]}.");

    public static Message TooManyTickets(int count, int max) => new Message(
        "ticketImport.file.tooManyTickets",
        $"The file has {count} tickets; at most {max} are imported at once: split it.",
        $"Le fichier contient {count} tickets ; {max} au plus sont importés à la fois : découpez-le.").With("count", count).With("max", max);

    public static Message TooManyLines(int max) => new Message(
        "ticketImport.file.tooManyLines",
        $"The file has more than {max} lines: split it.",
        $"Le fichier compte plus de {max} lignes : découpez-le.").With("max", max);

    // ---------------------------------------------------------------- the header and the lines of a CSV file

    public static readonly Message NeedsPriorityColumns = new(
        "ticketImport.header.priorityColumns",
        "The header needs the impact and urgency columns, or the priority column.",
        "L'en-tête doit comporter les colonnes impact et urgency, ou la colonne priority.");

    public static readonly Message LineReferenceRequired = new(
        "ticketImport.line.referenceRequired",
        "Give the reference of the ticket this line belongs to.",
        "Indiquez la référence du ticket auquel cette ligne appartient.");

    public static readonly Message ChangeFieldOnOpening = new(
        "ticketImport.line.changeFieldOnOpening",
        "Belongs to a change, not to the line that opens the ticket.",
        "Appartient à un changement, pas à la ligne qui ouvre le ticket.");

    public static Message UnknownColumn(string label, IEnumerable<string> columns)
    {
        var list = string.Join(", ", columns);
        return new Message(
            "ticketImport.column.unknown",
            $"\"{Labels.Shorten(label)}\" is not a column of a ticket history ({list}).",
            $"« {Labels.Shorten(label)} » n'est pas une colonne d'un historique de tickets ({list}).").With("label", label);
    }

    public static Message AlreadyOpened(string reference, FilePlace opening) => new Message(
        "ticketImport.line.alreadyOpened",
        $"Ticket \"{Labels.Shorten(reference)}\" is already opened on {opening.English}: one opening line per ticket.",
        $"Le ticket « {Labels.Shorten(reference)} » est déjà ouvert à la {opening.French} : une seule ligne d'ouverture par ticket.")
        .With("reference", reference).With("opening", opening.Key);

    public static Message DiffersFromOpening(FilePlace opening) => new Message(
        "ticketImport.line.differsFromOpening",
        $"Differs from the ticket's opening line ({opening.English}): a ticket's fields are given once, on its opening line.",
        $"Diffère de la ligne d'ouverture du ticket ({opening.French}) : les champs d'un ticket sont donnés une fois, sur sa ligne d'ouverture.")
        .With("opening", opening.Key);

    public static Message BeforeItsOpening(string reference, FilePlace opening) => new Message(
        "ticketImport.line.beforeOpening",
        $"Comes before the line that opens ticket \"{Labels.Shorten(reference)}\" ({opening.English}): a ticket's lines start with its opening.",
        $"Précède la ligne qui ouvre le ticket « {Labels.Shorten(reference)} » ({opening.French}) : les lignes d'un ticket commencent par son ouverture.")
        .With("reference", reference).With("opening", opening.Key);

    public static Message NoOpening(string reference) => new Message(
        "ticketImport.line.noOpening",
        $"Ticket \"{Labels.Shorten(reference)}\" has no opening line (status new) giving its kind, title and requester.",
        $"Le ticket « {Labels.Shorten(reference)} » n'a pas de ligne d'ouverture (statut new) qui donne son type, son titre et son demandeur.")
        .With("reference", reference);

    // ---------------------------------------------------------------- the shape of a JSON file

    public static readonly Message TicketNotObject = new("ticketImport.json.ticketNotObject", "A ticket is an object.", "Un ticket est un objet.");

    public static readonly Message EventsNotArray = new(
        "ticketImport.json.eventsNotArray",
        "The events are an array: [{\"at\": …, \"status\": …}].",
        "Les événements forment un tableau : [{\"at\": …, \"status\": …}].");

    public static readonly Message EventNotObject = new(
        "ticketImport.json.eventNotObject",
        "An event is an object: {\"at\": …, \"status\": …}.",
        "Un événement est un objet : {\"at\": …, \"status\": …}.");

    public static readonly Message TextExpected = new("ticketImport.json.textExpected", "Text expected.", "Texte attendu.");

    public static readonly Message TextOrNumberExpected = new("ticketImport.json.textOrNumberExpected", "Text or a number expected.", "Texte ou nombre attendu.");

    public static Message NotTicketField(IEnumerable<string> fields)
    {
        var list = string.Join(", ", fields);
        return new Message("ticketImport.json.notTicketField", $"Not a field of a ticket: {list}.", $"Ce n'est pas un champ de ticket : {list}.")
            .With("fields", fields.ToArray());
    }

    public static Message NotEventField(IEnumerable<string> fields)
    {
        var list = string.Join(", ", fields);
        return new Message("ticketImport.json.notEventField", $"Not a field of an event: {list}.", $"Ce n'est pas un champ d'événement : {list}.")
            .With("fields", fields.ToArray());
    }

    // ---------------------------------------------------------------- a ticket

    public static readonly Message ReferenceRequired = new(
        "ticketImport.reference.required",
        "Give the ticket's reference in the outgoing provider's tool.",
        "Indiquez la référence du ticket dans l'outil du prestataire sortant.");

    public static readonly Message KnownKinds = new("ticketImport.kind.unknown", "The kind is incident or request.", "Le type est « incident » ou « demande ».");

    public static readonly Message KnownLevels = new("ticketImport.impactUrgency.unknown", "Choose high, medium or low.", "Choisissez haute, moyenne ou basse.");

    public static readonly Message KnownPriorities = new("ticketImport.priority.unknown", "The priority is P1, P2, P3 or P4.", "La priorité est P1, P2, P3 ou P4.");

    public static readonly Message KnownSupportLevels = new("ticketImport.level.unknown", "The level is 1 or 2.", "Le niveau est 1 ou 2.");

    public static readonly Message PriorityMissing = new(
        "ticketImport.priority.missing",
        "Give impact and urgency, or the priority.",
        "Indiquez l'impact et l'urgence, ou la priorité.");

    public static readonly Message ImpactAndUrgencyTogether = new(
        "ticketImport.priority.impactAndUrgencyTogether",
        "Give impact and urgency together, or only the priority.",
        "Indiquez l'impact et l'urgence ensemble, ou seulement la priorité.");

    public static readonly Message OpenedByRequester = new(
        "ticketImport.by.notRequester",
        "The opening is recorded as the requester's: leave \"by\" empty on the opening line, or give the requester.",
        "L'ouverture est enregistrée au nom du demandeur : laissez « by » vide sur la ligne d'ouverture, ou indiquez le demandeur.");

    public static Message ReferenceUsed(string reference, FilePlace first) => new Message(
        "ticketImport.reference.duplicate",
        $"The reference \"{Labels.Shorten(reference)}\" is already used by {first.English}: one ticket per reference.",
        $"La référence « {Labels.Shorten(reference)} » est déjà utilisée par {Article(first)} : une seule référence par ticket.")
        .With("reference", reference).With("first", first.Key);

    /// <summary>A ticket whose reference the contract already has (from an earlier import).</summary>
    public static Message AlreadyImported(string reference, long number) => new Message(
        "ticketImport.reference.alreadyImported",
        $"Ticket \"{Labels.Shorten(reference)}\" is already imported into this contract (ticket {number}).",
        $"Le ticket « {Labels.Shorten(reference)} » est déjà importé dans ce contrat (ticket {number}).")
        .With("reference", reference).With("number", number);

    /// <summary>A value no spelling of the field matches; the code is the field's (<paramref name="known"/>), the value a parameter.</summary>
    public static Message NotKnown(string value, Message known)
    {
        ArgumentNullException.ThrowIfNull(known);
        var refusal = known with
        {
            English = $"\"{Labels.Shorten(value)}\" is not known. {known.English}",
            French = $"« {Labels.Shorten(value)} » n'est pas reconnu. {known.French}",
        };
        return refusal.With("value", value);
    }

    public static Message TooOld(string earliestDate, int years) => new Message(
        "ticketImport.openedAt.tooOld",
        $"Before {earliestDate}: the import takes at most {years} years of history before the contract takes effect.",
        $"Avant le {earliestDate} : l'import reprend au plus {years} ans d'historique avant la prise d'effet du contrat.")
        .With("earliest", earliestDate).With("years", years);

    public static Message TooManyChanges(int max) => new Message(
        "ticketImport.events.tooMany",
        $"At most {max} changes per ticket.",
        $"{max} changements au plus par ticket.").With("max", max);

    // ---------------------------------------------------------------- a change

    public static readonly Message StatusRequired = new(
        "ticketImport.status.required",
        "Give the status the ticket moved to.",
        "Indiquez le statut que le ticket a pris.");

    public static readonly Message PendingSideRequired = new(
        "ticketImport.pendingSide.required",
        "Say whose side the wait is on: client or thirdParty.",
        "Indiquez de quel côté est l'attente : client ou tiers.");

    public static readonly Message KnownPendingSides = new(
        "ticketImport.pendingSide.unknown",
        "Whose side the wait is on: client or thirdParty.",
        "L'attente est du côté client ou tiers.");

    public static readonly Message WaitReasonRequired = new("ticketImport.reason.required", "Say what the ticket waits for.", "Indiquez ce que le ticket attend.");

    public static readonly Message PendingSideWithoutWait = new(
        "ticketImport.pendingSide.notPending",
        "Only a pendingClient change says whose side the wait is on.",
        "Seul un passage en attente dit de quel côté est l'attente.");

    public static readonly Message ResolutionRequired = new("ticketImport.resolution.required", "Describe the resolution.", "Décrivez la résolution.");

    public static readonly Message ResolutionWithoutResolve = new(
        "ticketImport.resolution.notResolved",
        "Only a resolved change carries a resolution.",
        "Seul un passage à résolu porte une résolution.");

    public static readonly Message BackToNew = new(
        "ticketImport.status.backToNew",
        "A ticket is opened once, by its opening (its first line in CSV, openedAt in JSON), and never goes back to new.",
        "Un ticket est ouvert une seule fois, par son ouverture (sa première ligne en CSV, openedAt en JSON), et ne redevient jamais nouveau.");

    public static readonly Message TimeRequired = new("ticketImport.at.required", "Give the date and time.", "Indiquez la date et l'heure.");

    public static Message NotAStatus(string value) => new Message(
        "ticketImport.status.unknown",
        $"\"{Labels.Shorten(value)}\" is not a status: assigned, inProgress, pendingClient, resolved, closed or reopened.",
        $"« {Labels.Shorten(value)} » n'est pas un statut : assigné, en cours, en attente client, résolu, clos ou rouvert.").With("value", value);

    public static Message ReopenNotResolved(string status) => new Message(
        "ticketImport.status.reopenNotResolved",
        $"Only a resolved or closed ticket is reopened; this one is {status}.",
        $"Seul un ticket résolu ou clos est rouvert ; celui-ci est {FrenchStatus(status)}.").With("status", status);

    public static Message AssignedNotNew(string status) => new Message(
        "ticketImport.status.assignedNotNew",
        $"Only a new ticket becomes assigned (this one is {status}): give a reassignment in the assignee or team of another change.",
        $"Seul un ticket nouveau devient assigné (celui-ci est {FrenchStatus(status)}) : indiquez une réaffectation dans la colonne assignee ou team d'un autre changement.")
        .With("status", status);

    public static Message BeforeOpening(string opening) => new Message(
        "ticketImport.at.beforeOpening",
        $"Before the ticket's opening ({opening}): give a ticket's changes in time order.",
        $"Avant l'ouverture du ticket ({opening}) : donnez les changements d'un ticket dans l'ordre chronologique.").With("before", opening);

    public static Message BeforePreviousChange(string previous) => new Message(
        "ticketImport.at.beforePreviousChange",
        $"Before the previous change ({previous}): give a ticket's changes in time order.",
        $"Avant le changement précédent ({previous}) : donnez les changements d'un ticket dans l'ordre chronologique.").With("before", previous);

    public static Message InTheFuture(string now) => new Message(
        "ticketImport.at.future",
        $"In the future (it is now {now}).",
        $"Dans le futur (il est actuellement {now}).").With("now", now);

    public static Message SkippedTime(string value, string zone) => new Message(
        "ticketImport.at.skipped",
        $"{Labels.Shorten(value)} does not exist in {zone} (the clocks moved forward): check the time.",
        $"{Labels.Shorten(value)} n'existe pas dans le fuseau {zone} (les horloges ont avancé) : vérifiez l'heure.")
        .With("value", value).With("zone", zone);

    public static Message AmbiguousTime(string value, string zone, string earlierOffset, string laterOffset) => new Message(
        "ticketImport.at.ambiguous",
        $"{Labels.Shorten(value)} happens twice in {zone} (the clocks moved back): add the offset, {earlierOffset} or {laterOffset}.",
        $"{Labels.Shorten(value)} a lieu deux fois dans le fuseau {zone} (les horloges ont reculé) : ajoutez le décalage, {earlierOffset} ou {laterOffset}.")
        .With("value", value).With("zone", zone).With("offsets", new[] { earlierOffset, laterOffset });

    public static Message NotADateTime(string value, string zone) => new Message(
        "ticketImport.at.invalid",
        $"\"{Labels.Shorten(value)}\" is not a date and time: write 2025-03-03T09:12:00+01:00, or a time in the contract's zone ({zone}) "
            + "such as 2025-03-03 09:12 or 03/03/2025 09:12.",
        $"« {Labels.Shorten(value)} » n'est pas une date et heure : écrivez 2025-03-03T09:12:00+01:00, ou une heure dans le fuseau du contrat ({zone}) "
            + "comme 2025-03-03 09:12 ou 03/03/2025 09:12.")
        .With("value", value).With("zone", zone);

    /// <summary>A status as a French sentence names it; the code stays in the message's parameters.</summary>
    private static string FrenchStatus(string status) => status switch
    {
        Statuses.New => "nouveau",
        Statuses.Assigned => "assigné",
        Statuses.InProgress => "en cours",
        Statuses.PendingClient => "en attente client",
        Statuses.Resolved => "résolu",
        Statuses.Closed => "clos",
        _ => status,
    };

    /// <summary>"la ligne 11" or "tickets[0]".</summary>
    private static string Article(FilePlace place) => place.LineNumber is null ? place.French : $"la {place.French}";
}
