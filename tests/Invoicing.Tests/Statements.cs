using Infogerance.IntegrationEvents;
using Infogerance.Invoicing.Domain;

namespace Infogerance.Invoicing.Tests;

/// <summary>Short ways to write a month's figures in tests.</summary>
internal static class Statements
{
    public static readonly StatementMonth March2027 = StatementMonth.Of(2027, 3, "Europe/Paris");

    /// <summary>An instant in Paris in March 2027 (winter time until the 28th at 02:00, summer time after).</summary>
    public static DateTimeOffset March(int day, int hour = 10, int minute = 0) =>
        new(2027, 3, day, hour, minute, 0, TimeSpan.FromHours(day < 28 || (day == 28 && hour < 2) ? 1 : 2));

    public static PenaltyBreach Breach(long ticket, string priority, string clock, DateTimeOffset at) => new(ticket, priority, clock, at);

    public static CompletedClock[] Clocks(string priority, string clock, int met, int missed) =>
    [
        .. Enumerable.Range(0, met).Select(_ => new CompletedClock(priority, clock, true)),
        .. Enumerable.Range(0, missed).Select(_ => new CompletedClock(priority, clock, false)),
    ];

    public static PenaltyStatementResult Compute(
        PenaltyRules rules,
        decimal fee = 13_200m,
        IEnumerable<PenaltyBreach>? breaches = null,
        IEnumerable<CompletedClock>? clocks = null,
        IEnumerable<ServiceAvailability>? availability = null,
        decimal yearToDate = 0m,
        StatementMonth? month = null) =>
        PenaltyStatement.Compute(new StatementInput(
            month ?? March2027, fee, rules, [.. breaches ?? []], [.. clocks ?? []], [.. availability ?? []], yearToDate));

    /// <summary>A statement with only a net amount to settle: one fixed-price breach per euro figure.</summary>
    public static PenaltyStatementResult WithNet(decimal net, PenaltyRules rules, decimal fee = 1_000m, decimal yearToDate = 0m) =>
        Compute(
            rules with { PerBreach = [new BreachPenalty("P1", PenaltyKinds.Fixed, net)], MonthlyFreeBreaches = 0 },
            fee,
            [Breach(1, "P1", SlaClocks.Resolve, March(2))],
            yearToDate: yearToDate);
}
