namespace Infogerance.Messaging;

public sealed class OutboxOptions
{
    /// <summary>Rows published per transaction.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How often the outbox is read when no local commit signalled new rows (other replicas, restarts).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First pause after the broker refused a publish; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a batch waits for the broker to confirm its publishes. A publish on a channel that died under it can wait
    /// for a confirmation that never comes (seen after a <c>kill -9</c> of RabbitMQ): past this, its rows are left unsent,
    /// published again after the backoff, and the consumers' inboxes drop what had arrived.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sent outbox rows and inbox rows are kept this long, for investigation and de-duplication.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);
}
