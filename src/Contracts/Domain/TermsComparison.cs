using System.Globalization;
using Infogerance.IntegrationEvents;

namespace Infogerance.Contracts.Domain;

/// <summary>One leaf that differs between two versions' terms; a value is null when the leaf is absent on that side.</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>
/// What an amendment changes, leaf by leaf, in the order the terms are read (durations, prices, revision, calendar,
/// SLA, penalties, invoice tolerance, clauses). Lists are matched on their natural key — work units by code, SLA targets by priority, per-breach
/// penalties and success-rate targets by priority and clock (<c>P1/resolve</c>, or <c>P1</c> for both clocks), availability
/// bands by threshold — so inserting one entry shows as one addition rather than
/// every later entry changed. Lists without a key (opening intervals, holiday packs, closed days, warning thresholds)
/// are compared as sets of display strings: a removed interval is <c>("calendar.weekly", "monday 08:00–12:00", null)</c>.
/// Terms that break the rules (nulls, duplicate keys) are compared all the same, never thrown at.
/// </summary>
public static class TermsComparison
{
    public static IReadOnlyList<FieldChange> Compare(ContractTerms before, ContractTerms after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new Changes();

        changes.Leaf("startDate", Date(before.StartDate), Date(after.StartDate));
        changes.Leaf("initialTermMonths", Int(before.InitialTermMonths), Int(after.InitialTermMonths));
        changes.Leaf("renewalPeriodMonths", Int(before.RenewalPeriodMonths), Int(after.RenewalPeriodMonths));
        changes.Leaf("noticeMonths", Int(before.NoticeMonths), Int(after.NoticeMonths));

        changes.Leaf("prices.monthlyFee", Dec(before.Prices?.MonthlyFee), Dec(after.Prices?.MonthlyFee));
        changes.Keyed("prices.workUnits", before.Prices?.WorkUnits, after.Prices?.WorkUnits, w => w.Code ?? "", StringComparer.Ordinal,
            (field, b, a) =>
            {
                changes.Leaf($"{field}.label", b?.Label, a?.Label);
                changes.Leaf($"{field}.unitPrice", Dec(b?.UnitPrice), Dec(a?.UnitPrice));
                changes.Leaf($"{field}.countedOn", b?.CountedOn, a?.CountedOn);
            });

        var (rb, ra) = (before.Revision, after.Revision);
        changes.Leaf("revision.index", rb?.Index, ra?.Index);
        changes.Leaf("revision.a", Dec(rb?.A), Dec(ra?.A));
        changes.Leaf("revision.b", Dec(rb?.B), Dec(ra?.B));
        changes.Leaf("revision.referenceMonth", rb?.ReferenceMonth, ra?.ReferenceMonth);
        changes.Leaf("revision.anniversary", Date(rb?.Anniversary), Date(ra?.Anniversary));

        var (cb, ca) = (before.Calendar, after.Calendar);
        changes.Leaf("calendar.timeZone", cb?.TimeZone, ca?.TimeZone);
        changes.Leaf("calendar.alwaysOpen", Bool(cb?.AlwaysOpen), Bool(ca?.AlwaysOpen));
        changes.Set("calendar.weekly", Intervals(cb?.Weekly), Intervals(ca?.Weekly));
        changes.Set("calendar.holidayPacks", Strings(cb?.HolidayPacks), Strings(ca?.HolidayPacks));
        changes.Set("calendar.closedDays", Dates(cb?.ClosedDays), Dates(ca?.ClosedDays));

        changes.Keyed("sla.targets", before.Sla?.Targets, after.Sla?.Targets, t => t.Priority ?? "", StringComparer.Ordinal,
            (field, b, a) =>
            {
                changes.Duration($"{field}.respond", b?.Respond, a?.Respond);
                changes.Duration($"{field}.resolve", b?.Resolve, a?.Resolve);
            });
        changes.Set("sla.warningThresholds", Thresholds(before.Sla?.WarningThresholds), Thresholds(after.Sla?.WarningThresholds));

        var (pb, pa) = (before.Penalties, after.Penalties);
        // A rule without clock is keyed by its priority alone (P1), one for a clock by both (P1/resolve): moving a rule
        // onto one clock reads as the old rule removed and a new one added, which is what the contract says.
        changes.Keyed("penalties.perBreach", pb?.PerBreach, pa?.PerBreach, p => ClockKey(p.Priority, p.Clock), ByPriorityThenClock,
            (field, b, a) =>
            {
                changes.Leaf($"{field}.kind", b?.Kind, a?.Kind);
                changes.Leaf($"{field}.amount", Dec(b?.Amount), Dec(a?.Amount));
            });
        changes.Leaf("penalties.monthlyFreeBreaches", Int(pb?.MonthlyFreeBreaches), Int(pa?.MonthlyFreeBreaches));
        // Keyed by the threshold's value (99.5 and 99.50 are one band), highest first as contracts list them: mildest band first.
        changes.Keyed("penalties.availabilityBands", pb?.AvailabilityBands, pa?.AvailabilityBands, band => band.BelowPercent,
            Comparer<decimal>.Create((x, y) => y.CompareTo(x)),
            (field, b, a) => changes.Leaf($"{field}.penaltyPercentOfFee", Dec(b?.PenaltyPercentOfFee), Dec(a?.PenaltyPercentOfFee)),
            Dec);
        changes.Keyed("penalties.successRateTargets", pb?.SuccessRateTargets, pa?.SuccessRateTargets, t => ClockKey(t.Priority, t.Clock),
            ByPriorityThenClock,
            (field, b, a) =>
            {
                changes.Leaf($"{field}.targetPercent", Dec(b?.TargetPercent), Dec(a?.TargetPercent));
                changes.Leaf($"{field}.creditPercentPerPoint", Dec(b?.CreditPercentPerPoint), Dec(a?.CreditPercentPerPoint));
                changes.Leaf($"{field}.maxCreditPercent", Dec(b?.MaxCreditPercent), Dec(a?.MaxCreditPercent));
            });
        changes.Leaf("penalties.monthlyCapPercent", Dec(pb?.MonthlyCapPercent), Dec(pa?.MonthlyCapPercent));
        changes.Leaf("penalties.annualCapPercent", Dec(pb?.AnnualCapPercent), Dec(pa?.AnnualCapPercent));
        changes.Leaf("penalties.minimumTotal", Dec(pb?.MinimumTotal), Dec(pa?.MinimumTotal));

        var (tb, ta) = (before.InvoiceTolerance, after.InvoiceTolerance);
        changes.Leaf("invoiceTolerance.amount", Limit(tb?.Amount), Limit(ta?.Amount));
        changes.Leaf("invoiceTolerance.percent", Limit(tb?.Percent), Limit(ta?.Percent));

        changes.Leaf("evolutionClause", before.EvolutionClause, after.EvolutionClause);
        changes.Leaf("reversibilityClause", before.ReversibilityClause, after.ReversibilityClause);
        return changes.List;
    }

    /// <summary>The key of a rule by priority and optional clock: <c>P1</c> without clock, <c>P1/resolve</c> with one.</summary>
    public static string ClockKey(string? priority, string? clock) => clock is null ? priority ?? "" : $"{priority}/{clock}";

    /// <summary>By priority, then the rule without clock, then respond before resolve (the order a ticket meets them).</summary>
    private static readonly IComparer<string> ByPriorityThenClock = Comparer<string>.Create((x, y) =>
    {
        static (string Priority, int Clock, string Name) Parts(string key)
        {
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                return (key, 0, "");
            }

            var clock = key[(slash + 1)..];
            return (key[..slash], clock switch { SlaClocks.Respond => 1, SlaClocks.Resolve => 2, _ => 3 }, clock);
        }

        var (a, b) = (Parts(x), Parts(y));
        var byPriority = string.CompareOrdinal(a.Priority, b.Priority);
        if (byPriority != 0)
        {
            return byPriority;
        }

        var byClock = a.Clock.CompareTo(b.Clock);
        return byClock != 0 ? byClock : string.CompareOrdinal(a.Name, b.Name);
    });

    /// <summary>How an opening interval reads in a change list.</summary>
    public static string Display(OpeningInterval interval) => $"{interval.Day} {interval.Open}–{interval.Close}";

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Int(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Bool(bool? value) => value switch { true => "true", false => "false", null => null };

    private static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // 12500, 12500.0 and 12500.00 are the same amount: a change of scale alone must not show as a change.
    private static string? Dec(decimal? value) => value is { } v ? TermsRules.Show(v) : null;

    private static string Dec(decimal value) => TermsRules.Show(value);

    // A tolerance limit of zero tolerates nothing, as an absent one does: setting one to zero is not a change.
    private static string? Limit(decimal? value) => value is 0m ? null : Dec(value);

    // Set members carry a sort key (a rank, then an ordinal tie-break) so that additions and removals read in a
    // natural order — by weekday and time, by date, by value — whatever the current culture.
    private static IEnumerable<Member> Intervals(IReadOnlyList<OpeningInterval>? weekly) =>
        (weekly ?? []).Where(i => i is not null).Select(i =>
        {
            var day = DayNumber(i.Day);
            return new Member(Display(i), day < 0 ? int.MaxValue : day, $"{i.Open} {i.Close} {i.Day}");
        });

    private static IEnumerable<Member> Strings(IReadOnlyList<string>? values) =>
        (values ?? []).Where(v => v is not null).Select(v => new Member(v, 0, v));

    private static IEnumerable<Member> Dates(IReadOnlyList<DateOnly>? days) =>
        (days ?? []).Select(d => new Member(Date(d), d.DayNumber, ""));

    private static IEnumerable<Member> Thresholds(IReadOnlyList<int>? values) =>
        (values ?? []).Select(v => new Member(Int(v), v, ""));

    private static int DayNumber(string? day)
    {
        for (var i = 0; i < TermsRules.Days.Count; i++)
        {
            if (TermsRules.Days[i] == day)
            {
                return i;
            }
        }

        return -1;
    }

    private readonly record struct Member(string Display, int Rank, string Tie);

    private sealed class Changes
    {
        public List<FieldChange> List { get; } = [];

        public void Leaf(string field, string? before, string? after)
        {
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                List.Add(new FieldChange(field, before, after));
            }
        }

        public void Duration(string field, SlaDuration? before, SlaDuration? after)
        {
            Leaf($"{field}.value", Int(before?.Value), Int(after?.Value));
            Leaf($"{field}.unit", before?.Unit, after?.Unit);
            Leaf($"{field}.endOfWorkingDay", Bool(before?.EndOfWorkingDay), Bool(after?.EndOfWorkingDay));
        }

        public void Keyed<TItem>(string field, IReadOnlyList<TItem>? before, IReadOnlyList<TItem>? after, Func<TItem, string> key,
            IComparer<string> order, Action<string, TItem?, TItem?> compare)
            where TItem : class =>
            Keyed(field, before, after, key, order, compare, k => k);

        /// <summary>
        /// Matches items on their key; keys are visited in <paramref name="order"/>. A key repeated within one list (only
        /// in terms that break the rules) is told apart by its occurrence, <c>[UO-INT]</c> then <c>[UO-INT#2]</c>.
        /// </summary>
        public void Keyed<TItem, TKey>(string field, IReadOnlyList<TItem>? before, IReadOnlyList<TItem>? after, Func<TItem, TKey> key,
            IComparer<TKey> order, Action<string, TItem?, TItem?> compare, Func<TKey, string> show)
            where TItem : class
            where TKey : notnull
        {
            var b = Index(before, key);
            var a = Index(after, key);
            var keys = b.Keys.Union(a.Keys)
                .OrderBy(k => k.Key, order)
                .ThenBy(k => k.Occurrence);
            foreach (var k in keys)
            {
                var name = k.Occurrence == 1 ? show(k.Key) : $"{show(k.Key)}#{k.Occurrence}";
                compare($"{field}[{name}]", b.GetValueOrDefault(k), a.GetValueOrDefault(k));
            }
        }

        private static Dictionary<(TKey Key, int Occurrence), TItem> Index<TItem, TKey>(IReadOnlyList<TItem>? items, Func<TItem, TKey> key)
            where TItem : class
            where TKey : notnull
        {
            var index = new Dictionary<(TKey, int), TItem>();
            var seen = new Dictionary<TKey, int>();
            foreach (var item in items ?? [])
            {
                if (item is null)
                {
                    continue;
                }

                var k = key(item);
                var occurrence = seen[k] = seen.GetValueOrDefault(k) + 1;
                index[(k, occurrence)] = item;
            }

            return index;
        }

        /// <summary>Multisets, so that dropping one of two identical entries still shows.</summary>
        public void Set(string field, IEnumerable<Member> before, IEnumerable<Member> after)
        {
            var counts = new Dictionary<string, (Member Member, int Before, int After)>(StringComparer.Ordinal);
            void Count(Member member, int before, int after)
            {
                (Member Member, int Before, int After) c = counts.TryGetValue(member.Display, out var seen) ? seen : (member, 0, 0);
                counts[member.Display] = (c.Member, c.Before + before, c.After + after);
            }

            foreach (var member in before)
            {
                Count(member, 1, 0);
            }

            foreach (var member in after)
            {
                Count(member, 0, 1);
            }

            var ordered = counts.Values
                .OrderBy(c => c.Member.Rank)
                .ThenBy(c => c.Member.Tie, StringComparer.Ordinal)
                .ThenBy(c => c.Member.Display, StringComparer.Ordinal);
            foreach (var (member, beforeCount, afterCount) in ordered)
            {
                for (var i = afterCount; i < beforeCount; i++)
                {
                    List.Add(new FieldChange(field, member.Display, null));
                }

                for (var i = beforeCount; i < afterCount; i++)
                {
                    List.Add(new FieldChange(field, null, member.Display));
                }
            }
        }
    }
}
