using Infogerance.Validation;

namespace Infogerance.Notifications.Domain;

/// <summary>How a person wants a group of notifications to reach them.</summary>
public static class Deliveries
{
    /// <summary>In the app only: the bell and the notifications page.</summary>
    public const string App = "app";

    /// <summary>Also by e-mail, at once.</summary>
    public const string Immediate = "immediate";

    /// <summary>Also by e-mail, gathered with the others of the day in one e-mail at the digest hour.</summary>
    public const string Digest = "digest";

    public static IReadOnlyList<string> All { get; } = [App, Immediate, Digest];
}

/// <summary>A group of notification kinds a person chooses a delivery for, and the delivery they get until they choose.</summary>
public sealed record Topic(string Name, IReadOnlyList<string> Kinds, string Default);

/// <summary>
/// The groups of kinds, as the preferences page shows them. What cannot wait (an SLA about to break or broken, an
/// invoice to approve, dispute or collect, a review to approve, an action of the plan overdue) is e-mailed at once by default; the contract's calendar (notice deadline,
/// amendment, renewal) and the takeover and reversibility checklists, accepted item by item over weeks, come in the
/// daily digest; the rest stays in the app.
/// </summary>
public static class Topics
{
    public static Topic Sla { get; } = new("sla", [NotificationKinds.SlaWarning, NotificationKinds.SlaBreached], Deliveries.Immediate);

    public static Topic Tickets { get; } = new("tickets", [NotificationKinds.TicketPendingClient, NotificationKinds.TicketResolved], Deliveries.App);

    public static Topic Evolutions { get; } =
        new("evolutions", [NotificationKinds.EvolutionRequested, NotificationKinds.EvolutionStateChanged], Deliveries.App);

    public static Topic Contracts { get; } = new("contracts",
        [NotificationKinds.NoticeDeadlineApproaching, NotificationKinds.AmendmentProposed, NotificationKinds.RenewalDecided], Deliveries.Digest);

    public static Topic Invoices { get; } = new("invoices",
        [NotificationKinds.InvoiceControlled, NotificationKinds.InvoiceDisputed, NotificationKinds.InvoiceApproved, NotificationKinds.InvoicePaid],
        Deliveries.Immediate);

    public static Topic Reviews { get; } = new("reviews",
        [NotificationKinds.ReviewPrepared, NotificationKinds.ReviewAwaitingApproval, NotificationKinds.ReviewApprovalWithdrawn,
            NotificationKinds.ReviewClosed, NotificationKinds.ReviewActionOverdue],
        Deliveries.Immediate);

    public static Topic Checklists { get; } = new("checklists",
        [NotificationKinds.ChecklistItemToAccept, NotificationKinds.PhaseReadyToClose, NotificationKinds.PhaseClosureProposed], Deliveries.Digest);

    /// <summary>
    /// The monthly scorecard of each contract, once its month is final: e-mailed (its PDF attached) only to those who
    /// subscribe, since it is a report to read, not something to act on.
    /// </summary>
    public static Topic Scorecards { get; } = new("scorecards", [NotificationKinds.MonthlyScorecard], Deliveries.App);

    public static IReadOnlyList<Topic> All { get; } = [Sla, Tickets, Evolutions, Contracts, Invoices, Reviews, Checklists, Scorecards];

    /// <summary>The group of <paramref name="kind"/>; null for a kind this version does not know (kept in the app).</summary>
    public static Topic? Of(string kind) => All.FirstOrDefault(topic => topic.Kinds.Contains(kind));

    public static Topic? Named(string name) => All.FirstOrDefault(topic => topic.Name == name);
}

/// <summary>A person's choices, topic by topic, over the defaults.</summary>
public static class EmailPreferences
{
    /// <summary>Every topic's delivery: the person's choice where they made one, its default otherwise.</summary>
    public static IReadOnlyDictionary<string, string> Resolve(IReadOnlyDictionary<string, string> chosen)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        return Topics.All.ToDictionary(topic => topic.Name, topic => chosen.GetValueOrDefault(topic.Name) ?? topic.Default);
    }

    /// <summary>What is wrong with a change of preferences, each field named by its JSON path (<c>delivery.sla</c>).</summary>
    public static FieldErrors Check(IReadOnlyDictionary<string, string?>? delivery)
    {
        var errors = new FieldErrors();
        if (delivery is null || delivery.Count == 0)
        {
            return errors.Add("delivery", NotificationMessages.DeliveryRequired);
        }

        foreach (var (topic, value) in delivery)
        {
            if (Topics.Named(topic) is null)
            {
                errors.Add($"delivery.{topic}", NotificationMessages.UnknownTopic);
            }
            else if (value is null || !Deliveries.All.Contains(value))
            {
                errors.Add($"delivery.{topic}", NotificationMessages.UnknownDelivery);
            }
        }

        return errors;
    }
}

/// <summary>When the daily digest goes out: at a fixed hour of one time zone, every day.</summary>
public static class DigestSchedule
{
    /// <summary>
    /// The first digest strictly after <paramref name="now"/>: <paramref name="hour"/>:00 in <paramref name="zone"/>, today or
    /// tomorrow. On the night the clocks go forward, an hour that does not exist is taken as the instant the clocks jump
    /// to; on the night they go back, the first of the two.
    /// </summary>
    public static DateTimeOffset NextAfter(DateTimeOffset now, int hour, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfNegative(hour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hour, 23);
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        for (var day = today; ; day = day.AddDays(1))
        {
            var at = Instant(day.AddHours(hour), zone);
            if (at > now)
            {
                return at;
            }
        }
    }

    private static DateTimeOffset Instant(DateTime local, TimeZoneInfo zone)
    {
        if (zone.IsInvalidTime(local))
        {
            // Skipped by the clocks going forward: the first valid minute after the gap.
            while (zone.IsInvalidTime(local))
            {
                local = local.AddMinutes(1);
            }
        }

        var offsets = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offsets);
    }
}

/// <summary>When a failed e-mail is tried again.</summary>
public static class EmailRetry
{
    /// <summary>
    /// The wait after the <paramref name="attempts"/>-th failed attempt: <paramref name="first"/>, doubled after each
    /// further failure, never more than <paramref name="longest"/>.
    /// </summary>
    public static TimeSpan DelayAfter(int attempts, TimeSpan first, TimeSpan longest)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var doublings = Math.Min(attempts - 1, 30);
        var delay = first.Ticks * Math.Pow(2, doublings);
        return delay >= longest.Ticks ? longest : TimeSpan.FromTicks((long)delay);
    }
}
