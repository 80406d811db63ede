using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Infogerance.Incidents.Domain;

/// <summary>
/// Where a value of an imported file sits, for the error keys: a CSV line ("line 12", messages prefixed by the column,
/// "status: …") or a JSON path ("tickets[3]", the field appended to the key: "tickets[3].openedAt").
/// </summary>
/// <param name="Order">Sorts the errors in the order of the file.</param>
public sealed record FilePlace(string Key, bool PrefixField, long Order)
{
    public static FilePlace Line(int line) => new($"line {line}", PrefixField: true, line);

    public static FilePlace Json(string path, long order) => new(path, PrefixField: false, order);
}

/// <summary>
/// Every problem of an imported file, keyed by its line or JSON path; at most <see cref="MaxKeys"/> keys are answered
/// (a file of 100,000 bad lines would otherwise answer megabytes of errors).
/// </summary>
public sealed class ImportErrors
{
    public const int MaxKeys = 1000;
    public const string FileKey = "file";

    private readonly Dictionary<string, (long Order, long Sequence, List<string> Messages)> _errors = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    /// <summary>
    /// Adds the first problem of a field: a value of the wrong type, or that cannot be read, is not reported again by
    /// the rules that would check it.
    /// </summary>
    public void Add(FilePlace place, string field, string message)
    {
        if (place.PrefixField)
        {
            var prefix = field.Length == 0 ? null : $"{field}: ";
            if (prefix is null || _errors.GetValueOrDefault(place.Key).Messages?.Any(m => m.StartsWith(prefix, StringComparison.Ordinal)) != true)
            {
                Add(place.Key, place.Order, prefix + message);
            }
        }
        else
        {
            var key = field.Length == 0 ? place.Key : $"{place.Key}.{field}";
            if (!_errors.ContainsKey(key))
            {
                Add(key, place.Order, message);
            }
        }
    }

    public void AddFile(string message) => Add(FileKey, -1, message);

    public bool Has(string key) => _errors.ContainsKey(key);

    /// <summary>The errors in the order of the file, the whole file's first.</summary>
    public Dictionary<string, string[]> ToDictionary()
    {
        var ordered = _errors.OrderBy(e => e.Value.Order).ThenBy(e => e.Value.Sequence).ToList();
        var answer = ordered.Take(MaxKeys).ToDictionary(e => e.Key, e => e.Value.Messages.ToArray(), StringComparer.Ordinal);
        if (ordered.Count > MaxKeys)
        {
            var file = answer.GetValueOrDefault(FileKey) ?? [];
            answer[FileKey] = [.. file, $"{ordered.Count} places have errors: the first {MaxKeys} are listed. Correct them and import the file again."];
        }

        return answer;
    }

    private void Add(string key, long order, string message)
    {
        if (!_errors.TryGetValue(key, out var entry))
        {
            entry = (order, _errors.Count, []);
            _errors[key] = entry;
        }

        if (!entry.Messages.Contains(message))
        {
            entry.Messages.Add(message);
        }
    }
}

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

    private static readonly Dictionary<string, string> StatusAliases = Aliases(
        (Statuses.New, ["new", "opened", "open", "created", "nouveau", "ouvert", "ouverture", "cree", "creation"]),
        (Statuses.Assigned, ["assigned", "assigne", "affecte", "attribue"]),
        (Statuses.InProgress, ["inprogress", "encours", "entraitement", "started", "priseencharge"]),
        (Statuses.PendingClient, ["pendingclient", "pending", "enattente", "enattenteclient", "enattenteduclient", "attenteclient", "suspendu"]),
        (Statuses.Resolved, ["resolved", "solved", "resolu"]),
        (Statuses.Closed, ["closed", "clos", "ferme", "cloture"]),
        (Reopened, ["reopened", "reopen", "rouvert", "reouvert", "reouverture", "rouverture"]));

    private static readonly Dictionary<string, string> KindAliases = Aliases(
        (TicketKinds.Incident, ["incident", "incidents"]),
        (TicketKinds.Request, ["request", "servicerequest", "demande", "demandedeservice"]));

    private static readonly Dictionary<string, string> LevelAliases = Aliases(
        (PriorityMatrix.High, ["high", "haute", "haut", "elevee", "eleve", "forte", "fort"]),
        (PriorityMatrix.Medium, ["medium", "moyenne", "moyen", "normale", "normal"]),
        (PriorityMatrix.Low, ["low", "basse", "bas", "faible"]));

    private static readonly Dictionary<string, string> PriorityAliases = Aliases(
        ("P1", ["p1", "1"]), ("P2", ["p2", "2"]), ("P3", ["p3", "3"]), ("P4", ["p4", "4"]));

    private static readonly Dictionary<string, string> PendingSideAliases = Aliases(
        (PendingSides.Client, ["client"]),
        (PendingSides.ThirdParty, ["thirdparty", "tiers", "tierce", "tiercepartie"]));

    private static readonly Dictionary<string, string> SupportLevelAliases = Aliases(
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
    public static string? StatusOf(string? text) => text is null ? null : StatusAliases.GetValueOrDefault(Key(text));

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
        void Fail(FilePlace place, string field, string message)
        {
            bad = true;
            errors.Add(place, field, message);
        }

        var place = raw.Place;
        var reference = Text(raw.Reference);
        if (reference is null)
        {
            Fail(place, "reference", "Give the ticket's reference in the outgoing provider's tool.");
        }
        else if (reference.Length > MaxReference)
        {
            Fail(place, "reference", $"At most {MaxReference} characters.");
        }
        else if (seen.TryGetValue(reference, out var first))
        {
            Fail(place, "reference", $"The reference \"{Shorten(reference)}\" is already used by {first.Key}: one ticket per reference.");
        }
        else
        {
            seen[reference] = place;
        }

        var kind = Coded(raw.Kind, KindAliases, place, "kind", "The kind is incident or request.", Fail);
        var title = Required(raw.Title, TicketsLimits.MaxTitle, place, "title", Fail);
        var description = Optional(raw.Description, TicketsLimits.MaxText, place, "description", Fail) ?? "";
        var requester = Required(raw.Requester, MaxName, place, "requester", Fail);
        var priorityReason = Optional(raw.PriorityReason, MaxReason, place, "priorityReason", Fail);

        var impact = Text(raw.Impact) is null ? null : Coded(raw.Impact, LevelAliases, place, "impact", "Choose high, medium or low.", Fail);
        var urgency = Text(raw.Urgency) is null ? null : Coded(raw.Urgency, LevelAliases, place, "urgency", "Choose high, medium or low.", Fail);
        var priority = Text(raw.Priority) is null ? null : Coded(raw.Priority, PriorityAliases, place, "priority", "The priority is P1, P2, P3 or P4.", Fail);
        string? reason = null;
        if (Text(raw.Impact) is null && Text(raw.Urgency) is null)
        {
            if (Text(raw.Priority) is null)
            {
                Fail(place, "impact", "Give impact and urgency, or the priority.");
            }
            else if (priority is not null)
            {
                (impact, urgency) = MatrixOf(priority);
            }
        }
        else if (Text(raw.Impact) is null || Text(raw.Urgency) is null)
        {
            Fail(place, Text(raw.Impact) is null ? "impact" : "urgency", "Give impact and urgency together, or only the priority.");
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
            var code = Coded(raw.Level, SupportLevelAliases, place, "level", "The level is 1 or 2.", Fail);
            level = code == "2" ? (short)2 : (short)1;
        }

        if (Text(raw.By) is { } by && requester is not null && Key(by) != Key(requester))
        {
            Fail(place, "by", "The opening is recorded as the requester's: leave \"by\" empty on the opening line, or give the requester.");
        }

        var openedAt = Instant(raw.OpenedAt, context, place, raw.OpenedAtField, Fail);
        if (openedAt is { } opened && opened < context.Earliest)
        {
            Fail(place, raw.OpenedAtField,
                $"Before {NodaTime.Instant.FromDateTimeOffset(context.Earliest).InZone(context.Zone).Date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)}: the import takes at most {HistoryYears} years of history before the contract takes effect.");
            openedAt = null;
        }

        if (raw.Events.Count > MaxEvents)
        {
            Fail(raw.EventsPlace ?? raw.Events[MaxEvents].Place, "", $"At most {MaxEvents} changes per ticket.");
        }

        var events = new List<ImportedEvent>(raw.Events.Count);
        string? state = Statuses.New;
        DateTimeOffset? resolvedAt = null;
        var previous = openedAt;
        var previousWhat = "the ticket's opening";
        foreach (var change in raw.Events)
        {
            var at = Instant(change.At, context, change.Place, "at", Fail);
            if (at is { } time && previous is { } before && time < before)
            {
                Fail(change.Place, "at", $"Before {previousWhat} ({Format(before, context.Zone)}): give a ticket's changes in time order.");
            }

            if (at is not null)
            {
                previous = at;
                previousWhat = "the previous change";
            }

            var status = StatusOf(change.Status);
            if (Text(change.Status) is null)
            {
                Fail(change.Place, "status", "Give the status the ticket moved to.");
            }
            else if (status is null)
            {
                Fail(change.Place, "status",
                    $"\"{Shorten(change.Status!.Trim())}\" is not a status: assigned, inProgress, pendingClient, resolved, closed or reopened.");
            }

            var to = status == Reopened ? Statuses.InProgress : status;
            var reopen = to == Statuses.InProgress && state is Statuses.Resolved or Statuses.Closed;
            var side = to == Statuses.Closed || reopen ? Sides.Client : Sides.Provider;

            string? pendingSide = null;
            if (to == Statuses.PendingClient)
            {
                pendingSide = Text(change.PendingSide) is null
                    ? Fail2(change.Place, "pendingSide", "Say whose side the wait is on: client or thirdParty.", Fail)
                    : Coded(change.PendingSide, PendingSideAliases, change.Place, "pendingSide", "Whose side the wait is on: client or thirdParty.", Fail);
                if (Text(change.Reason) is null)
                {
                    Fail(change.Place, "reason", "Say what the ticket waits for.");
                }
            }
            else if (Text(change.PendingSide) is not null && status is not null)
            {
                Fail(change.Place, "pendingSide", "Only a pendingClient change says whose side the wait is on.");
            }

            string? resolution = null;
            if (to == Statuses.Resolved)
            {
                resolution = Required(change.Resolution, TicketsLimits.MaxText, change.Place, "resolution", Fail, "Describe the resolution.");
            }
            else if (Text(change.Resolution) is not null && status is not null)
            {
                Fail(change.Place, "resolution", "Only a resolved change carries a resolution.");
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
    private static string? Refusal(string from, string status, string to, DateTimeOffset? resolvedAt, DateTimeOffset at, TimeSpan reopenWindow)
    {
        if (status == Reopened && from is not (Statuses.Resolved or Statuses.Closed))
        {
            return $"Only a resolved or closed ticket is reopened; this one is {from}.";
        }

        if (to == Statuses.New)
        {
            return "A ticket is opened once, by its opening (its first line in CSV, openedAt in JSON), and never goes back to new.";
        }

        if (to == Statuses.Assigned)
        {
            // The portal assigns only a new ticket (the assignment API); a reassignment changes no status.
            return from == Statuses.New
                ? null
                : $"Only a new ticket becomes assigned (this one is {from}): give a reassignment in the assignee or team of another change.";
        }

        return TicketWorkflow.Refusal(from, to, Sides.Provider, resolvedAt, at, reopenWindow)?.English;
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
    public static DateTimeOffset? ParseInstant(string text, DateTimeZone zone, out string? problem)
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
                        problem = $"{Shorten(text.Trim())} does not exist in {zone.Id} (the clocks moved forward): check the time.";
                        return null;
                    default:
                        problem = $"{Shorten(text.Trim())} happens twice in {zone.Id} (the clocks moved back): add the offset, "
                            + $"{OffsetText.Format(mapping.First().Offset)} or {OffsetText.Format(mapping.Last().Offset)}.";
                        return null;
                }
            }
        }

        problem = $"\"{Shorten(text.Trim())}\" is not a date and time: write 2025-03-03T09:12:00+01:00, or a time in the contract's zone ({zone.Id}) "
            + "such as 2025-03-03 09:12 or 03/03/2025 09:12.";
        return null;
    }

    /// <summary>Lower case, no accents, spaces, hyphens, underscores or apostrophes: "En attente" and "en_attente" are one word.</summary>
    public static string Key(string label)
    {
        var builder = new StringBuilder(label.Length);
        foreach (var c in label.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && !char.IsWhiteSpace(c) && c is not ('-' or '_' or '\'' or '’'))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    public static string Shorten(string value) => value.Length <= 50 ? value : string.Concat(value.AsSpan(0, 50), "…");

    private static DateTimeOffset? Instant(string? text, TicketHistoryContext context, FilePlace place, string field, Action<FilePlace, string, string> fail)
    {
        if (Text(text) is null)
        {
            fail(place, field, "Give the date and time.");
            return null;
        }

        if (ParseInstant(text!, context.Zone, out var problem) is not { } instant)
        {
            fail(place, field, problem!);
            return null;
        }

        if (instant > context.Now)
        {
            fail(place, field, $"In the future (it is now {Format(context.Now, context.Zone)}).");
            return null;
        }

        return instant;
    }

    private static string Format(DateTimeOffset instant, DateTimeZone zone) =>
        NodaTime.Instant.FromDateTimeOffset(instant).InZone(zone).ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static DateTimeOffset Whole(DateTimeOffset instant) => instant.AddTicks(-(instant.Ticks % TimeSpan.TicksPerSecond));

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Coded(string? value, Dictionary<string, string> aliases, FilePlace place, string field, string known, Action<FilePlace, string, string> fail)
    {
        if (Text(value) is not { } text)
        {
            fail(place, field, "This field is required.");
            return null;
        }

        if (aliases.TryGetValue(Key(text), out var code))
        {
            return code;
        }

        fail(place, field, $"\"{Shorten(text)}\" is not known. {known}");
        return null;
    }

    private static string? Required(string? value, int max, FilePlace place, string field, Action<FilePlace, string, string> fail, string missing = "This field is required.")
    {
        if (Text(value) is null)
        {
            fail(place, field, missing);
            return null;
        }

        return Optional(value, max, place, field, fail);
    }

    private static string? Optional(string? value, int max, FilePlace place, string field, Action<FilePlace, string, string> fail)
    {
        var text = Text(value);
        if (text is not null && text.Length > max)
        {
            fail(place, field, $"At most {max} characters.");
            return null;
        }

        return text;
    }

    private static string? Fail2(FilePlace place, string field, string message, Action<FilePlace, string, string> fail)
    {
        fail(place, field, message);
        return null;
    }

    private static Dictionary<string, string> Aliases(params (string Code, string[] Labels)[] codes) =>
        codes.SelectMany(c => c.Labels.Select(label => (label, c.Code))).ToDictionary(p => p.label, p => p.Code, StringComparer.Ordinal);

    /// <summary>The portal's limits on a ticket's texts (<c>TicketsApi</c>), which the Domain cannot reference.</summary>
    private static class TicketsLimits
    {
        public const int MaxTitle = 200;
        public const int MaxText = 20_000;
    }
}
