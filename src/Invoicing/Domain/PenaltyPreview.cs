using Infogerance.IntegrationEvents;
using Infogerance.Validation;

namespace Infogerance.Invoicing.Domain;

public sealed record PreviewBreach(long? Ticket, string? Priority, string? Clock, DateTimeOffset? BreachedAt);

/// <summary>A completed clock; <see cref="Ticket"/> and <see cref="CompletedAt"/> let a reopened ticket's clock count once.</summary>
public sealed record PreviewClock(string? Priority, string? Clock, bool? Met, long? Ticket = null, DateTimeOffset? CompletedAt = null);

public sealed record PreviewAvailability(string? Service, decimal? Percent);

/// <summary>
/// A month's penalties computed from figures given by the caller, before any statement exists. Absent lists mean
/// none, an absent <see cref="YearToDate"/> nothing applied yet, an absent <see cref="TimeZone"/> Europe/Paris (the
/// zone whose month the breaches must fall in).
/// </summary>
public sealed record PenaltyPreviewRequest(
    string? Month,
    decimal? MonthlyFee,
    PenaltyRules? Rules,
    IReadOnlyList<PreviewBreach?>? Breaches,
    IReadOnlyList<PreviewClock?>? Clocks,
    IReadOnlyList<PreviewAvailability?>? Availability,
    decimal? YearToDate,
    string? TimeZone = null);

/// <summary>
/// What the computation needs of a preview's request (the rules' own consistency, such as repeated priorities, is the
/// Contracts service's concern): known priorities, kinds and clocks, percentages between 0 and 100, amounts neither
/// negative nor absurd, breaches and completions inside the month. Every problem at once, by JSON path.
/// </summary>
public static class PenaltyPreview
{
    public static readonly IReadOnlyList<string> Priorities = ["P1", "P2", "P3", "P4"];

    /// <summary>A sane ceiling for any euro amount (larger figures are typing errors and stay clear of decimal overflow).</summary>
    public const decimal MaxAmount = 1_000_000_000m;

    /// <summary>Breaches or completed clocks in one request: a large contract's month is well within.</summary>
    public const int MaxItems = 200_000;

    /// <summary>Rules or services in one request.</summary>
    public const int MaxRules = 1_000;

    /// <summary>The request as the statement's input, or the errors by field (then the input is null).</summary>
    public static (StatementInput? Input, FieldErrors Errors) Check(PenaltyPreviewRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();

        var zone = StatementMonth.ZoneOf(request.TimeZone ?? StatementMonth.DefaultTimeZone);
        if (zone is null)
        {
            errors.Add("timeZone", InvoicingMessages.TimeZoneUnknown);
        }

        var yearMonth = StatementMonth.Parse(request.Month);
        if (yearMonth is null)
        {
            errors.Add("month", InvoicingMessages.Month(StatementMonth.FirstYear, StatementMonth.LastYear));
        }

        var month = yearMonth is { } m && zone is not null ? StatementMonth.Of(m, zone) : null;

        if (request.MonthlyFee is not { } fee)
        {
            errors.Add("monthlyFee", InvoicingMessages.Required);
        }
        else
        {
            CheckAmount("monthlyFee", fee, errors);
        }

        if (request.YearToDate is { } yearToDate)
        {
            CheckAmount("yearToDate", yearToDate, errors);
        }

        CheckRules("rules", request.Rules, errors);
        var breaches = CheckBreaches(request.Breaches ?? [], month, errors);
        var clocks = CheckClocks(request.Clocks ?? [], month, errors);
        var availability = CheckAvailability(request.Availability ?? [], errors);

        return errors.IsEmpty
            ? (new StatementInput(month!, request.MonthlyFee!.Value, request.Rules!, breaches, clocks, availability, request.YearToDate ?? 0m), errors)
            : (null, errors);
    }

    /// <summary>The rules as the computation reads them, each field under <paramref name="prefix"/>.</summary>
    public static void CheckRules(string prefix, PenaltyRules? rules, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (rules is null)
        {
            errors.Add(prefix, InvoicingMessages.Required);
            return;
        }

        if (CheckList($"{prefix}.perBreach", rules.PerBreach, MaxRules, errors))
        {
            for (var i = 0; i < rules.PerBreach.Count; i++)
            {
                var path = $"{prefix}.perBreach[{i}]";
                if (rules.PerBreach[i] is not { } rule)
                {
                    errors.Add(path, InvoicingMessages.ItemMissing);
                    continue;
                }

                CheckPriority($"{path}.priority", rule.Priority, errors);
                if (rule.Clock is not null)
                {
                    CheckClock($"{path}.clock", rule.Clock, errors);
                }

                switch (rule.Kind)
                {
                    case PenaltyKinds.Fixed:
                        CheckAmount($"{path}.amount", rule.Amount, errors);
                        break;
                    case PenaltyKinds.PercentOfFee:
                        CheckPercent($"{path}.amount", rule.Amount, errors);
                        break;
                    default:
                        errors.Add($"{path}.kind", InvoicingMessages.PenaltyKind);
                        CheckAmount($"{path}.amount", rule.Amount, errors);
                        break;
                }
            }
        }

        if (rules.MonthlyFreeBreaches < 0)
        {
            errors.Add($"{prefix}.monthlyFreeBreaches", InvoicingMessages.FreeBreachesNegative);
        }

        if (CheckList($"{prefix}.successRateTargets", rules.SuccessRateTargets, MaxRules, errors))
        {
            for (var i = 0; i < rules.SuccessRateTargets.Count; i++)
            {
                var path = $"{prefix}.successRateTargets[{i}]";
                if (rules.SuccessRateTargets[i] is not { } target)
                {
                    errors.Add(path, InvoicingMessages.ItemMissing);
                    continue;
                }

                CheckPriority($"{path}.priority", target.Priority, errors);
                CheckClock($"{path}.clock", target.Clock, errors);
                CheckPercent($"{path}.targetPercent", target.TargetPercent, errors);
                CheckPercent($"{path}.creditPercentPerPoint", target.CreditPercentPerPoint, errors);
                CheckPercent($"{path}.maxCreditPercent", target.MaxCreditPercent, errors);
            }
        }

        if (CheckList($"{prefix}.availabilityBands", rules.AvailabilityBands, MaxRules, errors))
        {
            for (var i = 0; i < rules.AvailabilityBands.Count; i++)
            {
                var path = $"{prefix}.availabilityBands[{i}]";
                if (rules.AvailabilityBands[i] is not { } band)
                {
                    errors.Add(path, InvoicingMessages.ItemMissing);
                    continue;
                }

                CheckPercent($"{path}.belowPercent", band.BelowPercent, errors);
                CheckPercent($"{path}.penaltyPercentOfFee", band.PenaltyPercentOfFee, errors);
            }
        }

        CheckPercent($"{prefix}.monthlyCapPercent", rules.MonthlyCapPercent, errors);
        CheckPercent($"{prefix}.annualCapPercent", rules.AnnualCapPercent, errors);
        CheckAmount($"{prefix}.minimumTotal", rules.MinimumTotal, errors);
    }

    private static List<PenaltyBreach> CheckBreaches(IReadOnlyList<PreviewBreach?> breaches, StatementMonth? month, FieldErrors errors)
    {
        var valid = new List<PenaltyBreach>(Math.Min(breaches.Count, MaxItems));
        if (!CheckList("breaches", breaches, MaxItems, errors))
        {
            return valid;
        }

        for (var i = 0; i < breaches.Count; i++)
        {
            // Paths are written only for a bad field: a large month's valid items cost no string.
            if (breaches[i] is not { } breach)
            {
                errors.Add($"breaches[{i}]", InvoicingMessages.ItemMissing);
                continue;
            }

            var count = errors.MessageCount;
            if (breach.Ticket is not > 0)
            {
                errors.Add($"breaches[{i}].ticket", InvoicingMessages.TicketNumber);
            }

            if (!IsPriority(breach.Priority))
            {
                errors.Add($"breaches[{i}].priority", InvoicingMessages.PriorityUnknown);
            }

            if (!IsClock(breach.Clock))
            {
                errors.Add($"breaches[{i}].clock", InvoicingMessages.ClockUnknown);
            }

            if (breach.BreachedAt is not { } at)
            {
                errors.Add($"breaches[{i}].breachedAt", InvoicingMessages.InstantRequired);
            }
            else if (month is not null && !month.Contains(at))
            {
                errors.Add($"breaches[{i}].breachedAt", InvoicingMessages.BreachOutsideMonth(month.Text, month.Zone.Id));
            }

            if (errors.MessageCount == count)
            {
                valid.Add(new PenaltyBreach(breach.Ticket!.Value, breach.Priority!, breach.Clock!, breach.BreachedAt!.Value));
            }
        }

        return valid;
    }

    private static List<CompletedClock> CheckClocks(IReadOnlyList<PreviewClock?> clocks, StatementMonth? month, FieldErrors errors)
    {
        var valid = new List<CompletedClock>(Math.Min(clocks.Count, MaxItems));
        if (!CheckList("clocks", clocks, MaxItems, errors))
        {
            return valid;
        }

        for (var i = 0; i < clocks.Count; i++)
        {
            if (clocks[i] is not { } clock)
            {
                errors.Add($"clocks[{i}]", InvoicingMessages.ItemMissing);
                continue;
            }

            var count = errors.MessageCount;
            if (!IsPriority(clock.Priority))
            {
                errors.Add($"clocks[{i}].priority", InvoicingMessages.PriorityUnknown);
            }

            if (!IsClock(clock.Clock))
            {
                errors.Add($"clocks[{i}].clock", InvoicingMessages.ClockUnknown);
            }

            if (clock.Met is null)
            {
                errors.Add($"clocks[{i}].met", InvoicingMessages.Required);
            }

            if (clock.Ticket is <= 0)
            {
                errors.Add($"clocks[{i}].ticket", InvoicingMessages.TicketNumber);
            }

            if (clock.CompletedAt is { } at && month is not null && !month.Contains(at))
            {
                errors.Add($"clocks[{i}].completedAt", InvoicingMessages.CompletionOutsideMonth(month.Text, month.Zone.Id));
            }

            if (errors.MessageCount == count)
            {
                valid.Add(new CompletedClock(clock.Priority!, clock.Clock!, clock.Met!.Value, clock.Ticket, clock.CompletedAt));
            }
        }

        return valid;
    }

    private static List<ServiceAvailability> CheckAvailability(IReadOnlyList<PreviewAvailability?> services, FieldErrors errors)
    {
        var valid = new List<ServiceAvailability>(Math.Min(services.Count, MaxRules));
        if (!CheckList("availability", services, MaxRules, errors))
        {
            return valid;
        }

        for (var i = 0; i < services.Count; i++)
        {
            var path = $"availability[{i}]";
            if (services[i] is not { } service)
            {
                errors.Add(path, InvoicingMessages.ItemMissing);
                continue;
            }

            var count = errors.MessageCount;
            if (string.IsNullOrWhiteSpace(service.Service))
            {
                errors.Add($"{path}.service", InvoicingMessages.ServiceRequired);
            }

            if (service.Percent is not { } percent)
            {
                errors.Add($"{path}.percent", InvoicingMessages.Required);
            }
            else
            {
                CheckPercent($"{path}.percent", percent, errors);
            }

            if (errors.MessageCount == count)
            {
                valid.Add(new ServiceAvailability(service.Service!.Trim(), service.Percent!.Value));
            }
        }

        return valid;
    }

    /// <summary>False when the list is absent (an explicit null) or too long; the error is added.</summary>
    private static bool CheckList<T>(string field, IReadOnlyList<T>? list, int max, FieldErrors errors)
    {
        if (list is null)
        {
            errors.Add(field, InvoicingMessages.Required);
            return false;
        }

        if (list.Count > max)
        {
            errors.Add(field, InvoicingMessages.TooMany(max));
            return false;
        }

        return true;
    }

    private static bool IsPriority(string? priority) => priority is "P1" or "P2" or "P3" or "P4";

    private static bool IsClock(string? clock) => clock is SlaClocks.Respond or SlaClocks.Resolve;

    private static void CheckPriority(string field, string? priority, FieldErrors errors)
    {
        if (!IsPriority(priority))
        {
            errors.Add(field, InvoicingMessages.PriorityUnknown);
        }
    }

    private static void CheckClock(string field, string? clock, FieldErrors errors)
    {
        if (!IsClock(clock))
        {
            errors.Add(field, InvoicingMessages.ClockUnknown);
        }
    }

    private static void CheckAmount(string field, decimal amount, FieldErrors errors)
    {
        if (amount < 0)
        {
            errors.Add(field, InvoicingMessages.AmountNegative);
        }
        else if (amount > MaxAmount)
        {
            errors.Add(field, InvoicingMessages.AmountTooLarge);
        }
    }

    private static void CheckPercent(string field, decimal percent, FieldErrors errors)
    {
        if (percent is < 0 or > 100)
        {
            errors.Add(field, InvoicingMessages.PercentRange);
        }
    }
}
