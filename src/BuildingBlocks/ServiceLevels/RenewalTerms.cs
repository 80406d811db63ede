using Infogerance.IntegrationEvents;

namespace Infogerance.ServiceLevels;

/// <summary>
/// The duration clauses of a contract: an initial term, an optional tacit renewal period, and the notice a party
/// must give to stop the next renewal. All in whole calendar months, as contracts state them. Months are always
/// counted from the start date (never chained, so month ends do not drift), and a month that lacks the start's
/// day runs to its last day (as the French civil code counts délais, art. 641): a one-month term from 31 January
/// covers all of February, and the next period begins on 1 March. Shared: Contracts alerts the parties by it and
/// Reporting shows the next deadline from the replicated terms, so both tell the same day.
/// </summary>
public sealed record RenewalTerms(DateOnly Start, int InitialTermMonths, int RenewalPeriodMonths, int NoticeMonths)
{
    /// <summary>Days before the notice deadline at which the parties are alerted.</summary>
    public static readonly IReadOnlyList<int> AlertDaysBefore = [180, 90, 30, 7];

    /// <summary>The duration clauses of a version's terms.</summary>
    public static RenewalTerms Of(ContractTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return new RenewalTerms(terms.StartDate, terms.InitialTermMonths, terms.RenewalPeriodMonths, terms.NoticeMonths);
    }

    /// <summary>
    /// The end of period <paramref name="index"/> (0 = the initial term, 1 = the first renewal…) as the first day
    /// after it: the day the next period would begin.
    /// </summary>
    public DateOnly PeriodEnd(int index) => AddMonths(Start, InitialTermMonths + index * RenewalPeriodMonths);

    /// <summary>
    /// The last day on which a party may give notice to stop the contract at the end of period <paramref name="index"/>:
    /// the day before the final <see cref="NoticeMonths"/> months of that period begin. With a notice longer than
    /// the renewal period, it falls inside the previous period.
    /// </summary>
    public DateOnly NoticeDeadline(int index) => AddMonths(PeriodEnd(index), -NoticeMonths).AddDays(-1);

    /// <summary>
    /// Calendar months forward or back; when the target month lacks the day, the whole of that month is counted
    /// and the result is the first day of the following one (31 January + 1 month = 1 March; 31 March − 1 month
    /// = 1 March).
    /// </summary>
    public static DateOnly AddMonths(DateOnly date, int months)
    {
        var target = date.AddMonths(months);
        return target.Day < date.Day ? target.AddDays(1) : target;
    }

    /// <summary>
    /// Where the contract stands on <paramref name="today"/>, if nobody gives notice: the next deadline still open,
    /// the end of the period it stops, and when alerts fall due. Null once no deadline remains (no tacit renewal
    /// and the initial deadline passed): the contract then ends at <see cref="PeriodEnd"/>(0).
    /// </summary>
    public NextDeadline? Next(DateOnly today)
    {
        for (var index = 0; ; index++)
        {
            if (index > 0 && RenewalPeriodMonths == 0)
            {
                return null;
            }

            var deadline = NoticeDeadline(index);
            if (deadline >= today)
            {
                return new NextDeadline(
                    index,
                    deadline,
                    LastDayOfPeriod: PeriodEnd(index).AddDays(-1),
                    Alerts: [.. AlertDaysBefore.Select(days => deadline.AddDays(-days))]);
            }
        }
    }
}

/// <summary>
/// The next notice deadline: give notice on or before <see cref="Deadline"/> and the contract ends on
/// <see cref="LastDayOfPeriod"/>; otherwise it renews (period <see cref="PeriodIndex"/> + 1 follows).
/// </summary>
public sealed record NextDeadline(int PeriodIndex, DateOnly Deadline, DateOnly LastDayOfPeriod, IReadOnlyList<DateOnly> Alerts);
