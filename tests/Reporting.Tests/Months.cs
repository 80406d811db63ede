using System.Globalization;
using Infogerance.IntegrationEvents;
using Infogerance.Reporting.Domain;
using Infogerance.ServiceLevels;
using NodaTime;

namespace Infogerance.Reporting.Tests;

/// <summary>Hand-built months of a contract: its terms, its tickets, clocks and breaches, and the scorecard they give.</summary>
internal static class Months
{
    public static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    public static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    public static CalendarMonth Month(int year, int month, DateTimeZone? zone = null) => CalendarMonth.Of(new YearMonth(year, month), zone ?? Paris);

    public static ContractTerms Terms(PenaltyRules? penalties = null, string timeZone = "Europe/Paris") => new()
    {
        StartDate = new DateOnly(2026, 1, 1),
        InitialTermMonths = 36,
        RenewalPeriodMonths = 12,
        NoticeMonths = 3,
        Prices = new PriceSchedule { MonthlyFee = 10_000m },
        Calendar = new ServiceCalendar { TimeZone = timeZone, AlwaysOpen = true },
        Sla = new SlaPolicy
        {
            Targets = [.. new[] { "P1", "P2", "P3", "P4" }.Select(p => new SlaTarget(p, new SlaDuration(30, "minutes"), new SlaDuration(4, "hours")))],
        },
        Penalties = penalties ?? new PenaltyRules(),
    };

    public static ScorecardInput Input(
        CalendarMonth month, DateTimeOffset now, ContractTerms? terms = null, IEnumerable<TicketFact>? tickets = null, IEnumerable<ClockFact>? clocks = null,
        IEnumerable<BreachFact>? breaches = null, IEnumerable<OutageFact>? outages = null, StatementFact? statement = null,
        IEnumerable<InvoiceFact>? invoices = null, BudgetFact? budget = null, IEnumerable<EvolutionFact>? evolutions = null) =>
        new(new ScorecardPeriod(month, now), terms is null ? null : 1, terms, [.. tickets ?? []], [.. clocks ?? []], [.. breaches ?? []], [.. outages ?? []],
            statement, [.. invoices ?? []], budget, [.. evolutions ?? []]);

    private static long _number;

    public static TicketFact Ticket(
        string openedAt, string? resolvedAt = null, string priority = "P2", string kind = "incident", int? score = null, string? ratedAt = null,
        bool openAtEnd = false) =>
        new(Guid.NewGuid(), Interlocked.Increment(ref _number), kind, priority, At(openedAt), resolvedAt is null ? null : At(resolvedAt), score,
            ratedAt is null ? null : At(ratedAt), openAtEnd);

    public static ClockFact Clock(string completedAt, bool met, string priority = "P2", string clock = SlaClocks.Resolve, long used = 3_600, Guid? ticket = null) =>
        new(ticket ?? Guid.NewGuid(), null, "incident", priority, clock, met, used, 14_400, At(completedAt).AddHours(-1), At(completedAt));

    public static BreachFact Breach(string dueAt, string priority = "P2", string clock = SlaClocks.Resolve) =>
        new(Guid.NewGuid(), null, "incident", priority, clock, At(dueAt));

    public static SlaRate Rate(Scorecard scorecard, string priority, string clock) => scorecard.Sla.Single(r => r.Priority == priority && r.Clock == clock);
}
