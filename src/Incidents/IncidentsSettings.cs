namespace Infogerance.Incidents;

// The service's settings, all under the "Incidents" section (Incidents__Tickets__ReopenWindow in the environment).

/// <summary>The section <c>Incidents</c>.</summary>
public sealed class IncidentsSettings
{
    /// <summary>Loads the demo world's tickets once (the run command sets it).</summary>
    public bool SeedDemoData { get; set; }
}

/// <summary>The section <c>Incidents:Tickets</c>: how long a resolved ticket stays open to the client before it closes by itself, and how long it can be reopened.</summary>
public sealed class TicketSettings
{
    public TimeSpan AutoCloseAfter { get; set; } = TimeSpan.FromDays(5);
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromDays(14);
}

/// <summary>The section <c>Incidents:Timers</c>: the scheduler that raises warnings and breaches on time.</summary>
public sealed class TicketTimerSettings
{
    /// <summary>How often the schedule is read when nothing was due: the worst lag of a warning or a breach.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// Passes run side by side in each replica. A pass spends most of its time waiting for PostgreSQL's answers, so two
    /// process about twice as many tickets a second as one; they share the work as replicas do.
    /// </summary>
    public int Workers { get; set; } = 2;
}

