using System.Text.Json.Serialization;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceLevels;
using Infogerance.Validation;

namespace Infogerance.Reporting.Domain;

/// <summary>
/// How a headline figure moved since the previous month: <c>up</c>, <c>down</c>, <c>flat</c>, or null when either month
/// has no value; <see cref="UpIsGood"/> says which way is better (a success rate up is good, breaches up are not).
/// </summary>
public sealed record Trend([property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Direction, bool UpIsGood);

/// <summary>The trend of each headline figure of a portfolio row.</summary>
public sealed record PortfolioTrends(Trend SuccessRate, Trend Breaches, Trend Backlog, Trend Satisfaction, Trend PenaltiesDue, Trend Invoiced);

/// <summary>A contract as the portfolio lists it: who it binds, where it stands, its reference month's headline figures.</summary>
public sealed record PortfolioContract(Guid ContractId, string Reference, Guid ClientId, Guid ProviderOrganisationId, string Phase, DateOnly? NoticeDeadline);

/// <summary>
/// One contract of a portfolio: its month's headline figures, each taken from the contract's scorecard of that month
/// (the very rules of the scorecard), and how they moved since the previous month. <see cref="Budget"/> is the client's
/// only, absent for the provider.
/// </summary>
public sealed record PortfolioRow(
    Guid ContractId,
    string Reference,
    Guid ClientId,
    Guid ProviderOrganisationId,
    string Phase,
    string Month,
    bool Complete,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? ContractVersion,
    IReadOnlyList<SlaRate> Sla,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? SuccessRate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? SlaStatus,
    int Breaches,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? BreachesStatus,
    int Backlog,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? SatisfactionMean,
    int SatisfactionAnswers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? PenaltiesDue,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? PenaltiesStatus,
    decimal Invoiced,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? InvoicingStatus,
    BudgetFigures? Budget,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateOnly? NoticeDeadline,
    PortfolioTrends Trends);

/// <summary>The caller's portfolio for a month, sorted as asked.</summary>
public sealed record PortfolioPage(string Month, DateTimeOffset AsOf, string Side, string Sort, string Order, IReadOnlyList<PortfolioRow> Contracts);

/// <summary>The columns a portfolio sorts on and the directions it sorts in.</summary>
public static class PortfolioSorts
{
    public const string Reference = "reference";
    public const string Ascending = "asc";
    public const string Descending = "desc";

    public static readonly IReadOnlyList<string> Columns =
        [Reference, "phase", "successRate", "breaches", "backlog", "satisfaction", "penaltiesDue", "invoiced", "noticeDeadline"];

    public static readonly IReadOnlyList<string> Orders = [Ascending, Descending];
}

/// <summary>What the portfolio says to people, in English and French.</summary>
public static class PortfolioMessages
{
    public static readonly Message SortUnknown = new Message(
        "reporting.portfolio.sort.unknown", $"A portfolio sorts on {string.Join(", ", PortfolioSorts.Columns)}.",
        $"Un portefeuille se trie sur {string.Join(", ", PortfolioSorts.Columns)}.")
        .With("allowed", PortfolioSorts.Columns);

    public static readonly Message OrderUnknown = new Message(
        "reporting.portfolio.order.unknown", "An order is asc or desc.", "Un ordre vaut asc ou desc.")
        .With("allowed", PortfolioSorts.Orders);
}

/// <summary>A client's or a provider's contracts side by side (pure: the scorecards are computed before).</summary>
public static class Portfolios
{
    public const string Up = "up";
    public const string Down = "down";
    public const string Flat = "flat";

    /// <summary>Phases after which no renewal is left to stop: the contract is ending or ended.</summary>
    private static readonly IReadOnlySet<string> Ending = new HashSet<string>(StringComparer.Ordinal) { "draft", "reversibility", "closed" };

    /// <summary>
    /// The contract's row from its scorecards of the month and of the previous month, as <paramref name="side"/> reads
    /// them. The overall success rate is met ÷ completed over every priority and clock of the month (the scorecard's rows
    /// added up), to the hundredth; penalties due are the month's issued statement's (null until issued).
    /// </summary>
    public static PortfolioRow Row(PortfolioContract contract, Scorecard month, Scorecard previous, string side)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(month);
        ArgumentNullException.ThrowIfNull(previous);
        var shown = Scorecards.ForSide(month, side);
        var trends = new PortfolioTrends(
            Trend(SuccessRate(previous), SuccessRate(month), upIsGood: true),
            Trend(previous.Breaches, month.Breaches, upIsGood: false),
            Trend(previous.Backlog, month.Backlog, upIsGood: false),
            Trend(previous.Satisfaction.Mean, month.Satisfaction.Mean, upIsGood: true),
            Trend(previous.Penalties?.TotalDue, month.Penalties?.TotalDue, upIsGood: false),
            Trend(previous.Invoicing.Invoiced, month.Invoicing.Invoiced, upIsGood: false));
        return new PortfolioRow(
            contract.ContractId, contract.Reference, contract.ClientId, contract.ProviderOrganisationId, contract.Phase, month.Month, month.Complete,
            month.ContractVersion, month.Sla, SuccessRate(month), month.Statuses.Sla, month.Breaches, month.Statuses.Breaches, month.Backlog,
            month.Satisfaction.Mean, month.Satisfaction.Answers, month.Penalties?.TotalDue, month.Penalties?.Status, month.Invoicing.Invoiced,
            month.Invoicing.Status, shown.Budget, contract.NoticeDeadline, trends);
    }

    /// <summary>Met ÷ completed over all the month's clocks, in percent to the hundredth; null when none completed.</summary>
    public static decimal? SuccessRate(Scorecard scorecard)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        return Scorecards.Percent(scorecard.Sla.Sum(rate => rate.Met), scorecard.Sla.Sum(rate => rate.Completed));
    }

    /// <summary>Up, down or flat from <paramref name="before"/> to <paramref name="now"/>; null when either is unknown.</summary>
    public static Trend Trend(decimal? before, decimal? now, bool upIsGood) =>
        new(before is { } b && now is { } n ? (n > b ? Up : n < b ? Down : Flat) : null, upIsGood);

    /// <summary>
    /// The last day to give notice so that the contract stops at the end of its current period, by its terms in force
    /// today (the rule of the Contracts service, <see cref="RenewalTerms"/>); null for a contract that is ending (in
    /// reversibility), closed or not open, and once no deadline remains.
    /// </summary>
    public static DateOnly? NoticeDeadline(ContractTerms? inForce, string phase, bool isOpen, DateOnly today) =>
        inForce is null || !isOpen || Ending.Contains(phase) ? null : RenewalTerms.Of(inForce).Next(today)?.Deadline;

    /// <summary>
    /// Sorts on a headline column (<see cref="PortfolioSorts.Columns"/>), ascending or descending; rows without a value
    /// come last either way, and ties keep the order of the references.
    /// </summary>
    public static IReadOnlyList<PortfolioRow> Sort(IEnumerable<PortfolioRow> rows, string sort, string order)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var byReference = rows.OrderBy(r => r.Reference, StringComparer.Ordinal).ThenBy(r => r.ContractId).ToList();
        if (sort == PortfolioSorts.Reference)
        {
            return order == PortfolioSorts.Descending ? [.. Enumerable.Reverse(byReference)] : byReference;
        }

        Func<PortfolioRow, IComparable?> key = sort switch
        {
            "phase" => r => r.Phase,
            "successRate" => r => r.SuccessRate,
            "breaches" => r => r.Breaches,
            "backlog" => r => r.Backlog,
            "satisfaction" => r => r.SatisfactionMean,
            "penaltiesDue" => r => r.PenaltiesDue,
            "invoiced" => r => r.Invoiced,
            "noticeDeadline" => r => r.NoticeDeadline,
            _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "Not a portfolio column."),
        };
        var known = byReference.Where(r => key(r) is not null);
        var sorted = order == PortfolioSorts.Descending ? known.OrderByDescending(key) : known.OrderBy(key);
        return [.. sorted, .. byReference.Where(r => key(r) is null)];
    }

    /// <summary>What is wrong with the sort asked for, by parameter.</summary>
    public static FieldErrors CheckSort(string? sort, string? order)
    {
        var errors = new FieldErrors();
        if (sort is not null && !PortfolioSorts.Columns.Contains(sort))
        {
            errors.Add("sort", PortfolioMessages.SortUnknown);
        }

        if (order is not null && !PortfolioSorts.Orders.Contains(order))
        {
            errors.Add("order", PortfolioMessages.OrderUnknown);
        }

        return errors;
    }
}
