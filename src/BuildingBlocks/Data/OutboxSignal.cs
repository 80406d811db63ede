namespace Infogerance.Data;

/// <summary>
/// Wakes this process's outbox dispatcher as soon as a unit of work with events commits, so events leave
/// within milliseconds instead of at the next poll. The poll remains for other replicas' rows and restarts.
/// </summary>
public sealed class OutboxSignal : Signal;
