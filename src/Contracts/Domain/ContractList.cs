using Infogerance.IntegrationEvents;
using Infogerance.ServiceLevels;
using Infogerance.Validation;

namespace Infogerance.Contracts.Domain;

/// <summary>The columns of the contract list a caller may sort on.</summary>
public static class ContractSorts
{
    public const string Reference = "reference";
    public const string Title = "title";

    /// <summary>In the order of the lifecycle (draft … closed), not alphabetically.</summary>
    public const string Phase = "phase";

    public const string MonthlyFee = "monthlyFee";
    public const string StartDate = "startDate";
    public const string NoticeDeadline = "noticeDeadline";

    public static readonly IReadOnlyList<string> All = [Reference, Title, Phase, MonthlyFee, StartDate, NoticeDeadline];
}

/// <summary>What a contract of the list is sorted on.</summary>
public sealed record ContractSortFields(Guid Id, string Reference, string Title, string Phase, decimal? MonthlyFee, DateOnly StartDate, DateOnly? NoticeDeadline);

/// <summary>
/// What a contract's summary reads of the terms of the version it shows: the duration clauses (with the start date) and
/// the monthly fee, null while a draft's is not entered. The list reads these values alone from the database; the detail
/// takes them from the whole terms, so that both summarise by the same rules.
/// </summary>
public sealed record SummaryTerms(RenewalTerms Renewal, decimal? MonthlyFee)
{
    public static SummaryTerms Of(ContractTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return new SummaryTerms(RenewalTerms.Of(terms), terms.Prices?.MonthlyFee);
    }
}

/// <summary>
/// The contract list in the order asked. A caller sees a tenant's or a provider's contracts (tens to hundreds), read
/// whole: the fee and the deadline are computed from the terms, so the sort is done here rather than in SQL. Texts
/// compare ignoring case, a contract without a notice deadline comes last either way, and ties fall back on the id.
/// </summary>
public static class ContractList
{
    public static IReadOnlyList<T> Sort<T>(IEnumerable<T> contracts, ListOrder order, Func<T, ContractSortFields> fields)
    {
        ArgumentNullException.ThrowIfNull(order);
        var rows = contracts.Select(c => (Item: c, Fields: fields(c))).ToList();
        var sign = order.Descending ? -1 : 1;
        rows.Sort((a, b) =>
        {
            var (x, y) = (a.Fields, b.Fields);
            var byColumn = order.Sort switch
            {
                ContractSorts.Title => sign * string.Compare(x.Title, y.Title, StringComparison.OrdinalIgnoreCase),
                ContractSorts.Phase => sign * Index(x.Phase).CompareTo(Index(y.Phase)),
                ContractSorts.MonthlyFee => AbsentLast(x.MonthlyFee, y.MonthlyFee, sign),
                ContractSorts.StartDate => sign * x.StartDate.CompareTo(y.StartDate),
                ContractSorts.NoticeDeadline => AbsentLast(x.NoticeDeadline, y.NoticeDeadline, sign),
                _ => sign * string.Compare(x.Reference, y.Reference, StringComparison.OrdinalIgnoreCase),
            };
            return byColumn != 0 ? byColumn : sign * x.Id.CompareTo(y.Id);
        });
        return [.. rows.Select(r => r.Item)];
    }

    /// <summary>Values in the order asked, those absent (no deadline, a draft's fee not entered) last either way.</summary>
    private static int AbsentLast<T>(T? x, T? y, int sign)
        where T : struct, IComparable<T> => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            ({ } p, { } q) => sign * p.CompareTo(q),
        };

    private static int Index(string phase) => Phases.All.ToList().IndexOf(phase);
}
