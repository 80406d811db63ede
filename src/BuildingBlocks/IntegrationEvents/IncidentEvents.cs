namespace Infogerance.IntegrationEvents;

/// <summary>A ticket was opened on a contract (through the portal or by a takeover import).</summary>
public sealed record TicketOpened : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid TicketId { get; init; }
    public required long Number { get; init; }

    /// <summary><c>incident</c> or <c>request</c>.</summary>
    public required string Kind { get; init; }

    public required string Priority { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>True when the ticket comes from the outgoing provider's history.</summary>
    public bool Imported { get; init; }
}

/// <summary>
/// Statuses: new, assigned, inProgress, pendingClient, resolved, closed. <see cref="Number"/>, <see cref="RequesterId"/>
/// and <see cref="ActorId"/> are absent from events raised before they travelled; <see cref="ActorId"/> is also absent
/// when the system moved the ticket (closed after quiet days), and <see cref="RequesterId"/> for an imported ticket.
/// </summary>
public sealed record TicketStatusChanged : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid TicketId { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string Priority { get; init; }

    /// <summary>The ticket's number in its tenant, as people name it.</summary>
    public long? Number { get; init; }

    /// <summary>The person who opened the ticket, who answers it when it waits on the client and rates its resolution.</summary>
    public Guid? RequesterId { get; init; }

    /// <summary>The person who moved the ticket.</summary>
    public Guid? ActorId { get; init; }
}

/// <summary>
/// An SLA clock of a ticket (<c>respond</c> or <c>resolve</c>) used <see cref="Percent"/> of its target. Raised on time
/// by the Incidents scheduler; after downtime only the highest threshold reached is raised.
/// </summary>
public sealed record SlaWarningRaised : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid TicketId { get; init; }
    public required string Clock { get; init; }
    public required string Priority { get; init; }
    public required int Percent { get; init; }
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>The ticket's number in its tenant (absent from events raised before it travelled).</summary>
    public long? Number { get; init; }

    /// <summary>The agent the ticket is assigned to, if any (absent from events raised before it travelled).</summary>
    public Guid? AssigneeId { get; init; }
}

/// <summary>An SLA clock ran past its due time: raised once per clock.</summary>
public sealed record SlaBreached : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid TicketId { get; init; }
    public required string Clock { get; init; }
    public required string Priority { get; init; }
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>The ticket's number in its tenant (absent from events raised before it travelled).</summary>
    public long? Number { get; init; }

    /// <summary>The agent the ticket is assigned to, if any (absent from events raised before it travelled).</summary>
    public Guid? AssigneeId { get; init; }
}

/// <summary>
/// An SLA clock stopped: the response at the provider's first public reply or first status change, the resolution at
/// resolved. A reopened ticket's later resolution completes the clock again with a higher <see cref="Completion"/>: keep
/// the latest per ticket and clock.
/// </summary>
public sealed record SlaClockCompleted : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid TicketId { get; init; }
    public required string Clock { get; init; }
    public required string Priority { get; init; }
    public required bool Met { get; init; }
    public required long BusinessSecondsUsed { get; init; }
    public required long TargetBusinessSeconds { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public required DateTimeOffset CompletedAt { get; init; }
    public required int Completion { get; init; }
}

/// <summary>The requester rated the resolution of a ticket (1 to 5).</summary>
public sealed record TicketRated : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid TicketId { get; init; }
    public required int Score { get; init; }
    public string? Comment { get; init; }
}

/// <summary>
/// A service outage recorded on a major incident, or changed (its end set or corrected): keep the latest per
/// <see cref="OutageId"/> (highest <see cref="Revision"/>). Availability per service and month is computed from them.
/// </summary>
public sealed record ServiceOutageRecorded : IntegrationEvent
{
    public required Guid ContractId { get; init; }
    public required Guid OutageId { get; init; }
    public Guid? TicketId { get; init; }
    public required string Service { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public required int Revision { get; init; }
}
