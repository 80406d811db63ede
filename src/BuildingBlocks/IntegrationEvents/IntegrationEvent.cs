namespace Infogerance.IntegrationEvents;

/// <summary>
/// Base of every event exchanged between services. Events are versioned by name in
/// <see cref="IntegrationEventCatalog"/>: a breaking change is a new record with a new name.
/// </summary>
public abstract record IntegrationEvent
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    /// <summary>The client company whose data the event is about.</summary>
    public required Guid TenantId { get; init; }

    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;
}
