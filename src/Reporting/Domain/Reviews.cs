using System.Globalization;
using Infogerance.ServiceLevels;
using Infogerance.Validation;
using NodaTime;

namespace Infogerance.Reporting.Domain;

/// <summary>How often a contract's managers hold their review: each review covers one month or one quarter.</summary>
public static class Cadences
{
    public const string Monthly = "monthly";
    public const string Quarterly = "quarterly";
    public static readonly IReadOnlyList<string> All = [Monthly, Quarterly];
}

/// <summary>A review is open (its minutes being written) until both sides approve them; then it is closed and read-only.</summary>
public static class ReviewStatuses
{
    public const string Open = "open";
    public const string Closed = "closed";
}

/// <summary>The side of the contract an action is for (and the side a comment, an approval comes from).</summary>
public static class ReviewSides
{
    public const string Client = Infogerance.Data.Sides.Client;
    public const string Provider = Infogerance.Data.Sides.Provider;
    public static readonly IReadOnlyList<string> All = [Client, Provider];
}

/// <summary>Where an item of the action plan stands: open and in progress items carry over to the next review.</summary>
public static class ActionStatuses
{
    public const string Open = "open";
    public const string InProgress = "inProgress";
    public const string Done = "done";
    public const string Dropped = "dropped";
    public static readonly IReadOnlyList<string> All = [Open, InProgress, Done, Dropped];

    /// <summary>Still to be done: followed up at the next review, and overdue once its due date has passed.</summary>
    public static bool IsPending(string status) => status is Open or InProgress;
}

/// <summary>What an improvement axis is about (the seeds' "axes d'amélioration").</summary>
public static class ImprovementAxes
{
    /// <summary>The service itself: quality, processes, the desk.</summary>
    public const string Service = "service";

    /// <summary>The client's needs that changed since the contract was written.</summary>
    public const string Needs = "needs";

    /// <summary>Technology worth adopting to serve better.</summary>
    public const string Technology = "technology";

    public static readonly IReadOnlyList<string> All = [Service, Needs, Technology];
}

/// <summary>The two kinds of points a review's minutes record beside the comments and the action plan.</summary>
public static class PointKinds
{
    public const string Decision = "decision";
    public const string Improvement = "improvement";
}

/// <summary>The indicators both sides comment on: the scorecard's figures, and the review as a whole.</summary>
public static class Indicators
{
    public const string Overall = "overall";
    public const string Budget = "budget";

    public static readonly IReadOnlyList<string> All = [Overall, .. Figures.Sources.Keys];
}

/// <summary>The files a scorecard or a review's pack is exported to.</summary>
public static class ExportFormats
{
    public const string Csv = "csv";
    public const string Xlsx = "xlsx";
    public const string Pdf = "pdf";
    public static readonly IReadOnlyList<string> All = [Csv, Xlsx, Pdf];
}

/// <summary>
/// The months a review covers: one month (<c>yyyy-MM</c>, monthly cadence) or a quarter (<c>yyyy-Qn</c>, quarterly
/// cadence, its three months).
/// </summary>
public sealed record ReviewPeriod(string Text, string Cadence, YearMonth First, YearMonth Last)
{
    public IReadOnlyList<YearMonth> Months
    {
        get
        {
            var months = new List<YearMonth>();
            for (var month = First; month <= Last; month = month.PlusMonths(1))
            {
                months.Add(month);
            }

            return months;
        }
    }

    /// <summary>Reads <c>yyyy-MM</c> or <c>yyyy-Qn</c> (years as the scorecard's months); false for anything else.</summary>
    public static bool TryParse(string? text, out ReviewPeriod period)
    {
        period = null!;
        if (CalendarMonth.TryParse(text, out var month))
        {
            period = new ReviewPeriod(text!, Cadences.Monthly, month, month);
            return true;
        }

        if (text is not { Length: 7 } || text[4] != '-' || text[5] != 'Q' || text[6] is < '1' or > '4'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || year is < CalendarMonth.FirstYear or > CalendarMonth.LastYear)
        {
            return false;
        }

        var first = new YearMonth(year, ((text[6] - '1') * 3) + 1);
        period = new ReviewPeriod(text, Cadences.Quarterly, first, first.PlusMonths(2));
        return true;
    }
}

/// <summary>A side's approval of a review's minutes: who, and when.</summary>
public sealed record Approval(string By, Guid ById, DateTimeOffset At);

/// <summary>Each side's approval of the minutes as they stand; both make the review closed.</summary>
public sealed record Approvals(Approval? Client, Approval? Provider)
{
    public static readonly Approvals None = new(null, null);

    public Approval? Of(string side) => side == ReviewSides.Client ? Client : Provider;

    public Approvals With(string side, Approval? approval) => side == ReviewSides.Client ? this with { Client = approval } : this with { Provider = approval };

    public bool Complete => Client is not null && Provider is not null;

    /// <summary>The sides that have approved, client first.</summary>
    public IReadOnlyList<string> Sides => [.. ReviewSides.All.Where(side => Of(side) is not null)];
}

/// <summary>A review's minutes changed: the approvals that stand after the change, and the sides whose approval it withdrew.</summary>
public sealed record ChangeOutcome(Approvals Approvals, IReadOnlyList<string> Withdrawn);

/// <summary>A side approved: the approvals now, and whether they close the review.</summary>
public sealed record ApprovalOutcome(Approvals Approvals, bool Closes);

/// <summary>
/// The rules of a periodic review (pure). Minutes are approved as they stand: a change after a side approved withdraws
/// that approval (the side approves again what was changed), as a steering committee's minutes are signed on their
/// final text; with both sides' approvals the review is closed and nothing of it changes any more.
/// </summary>
public static class ReviewRules
{
    public const int MaxTitleLength = 200;
    public const int MaxOwnerLength = 200;
    public const int MaxTextLength = 4_000;

    /// <summary>The due dates accepted, as for a contract's dates.</summary>
    public const int FirstYear = CalendarMonth.FirstYear;
    public const int LastYear = CalendarMonth.LastYear;

    /// <summary>Null while the review's minutes may change; the reason once it is closed.</summary>
    public static Message? RefuseChange(string status) => status == ReviewStatuses.Closed ? ReviewMessages.Closed : null;

    /// <summary>Null when what is changed is still as the caller read it (<paramref name="expected"/>); the reason otherwise.</summary>
    public static Message? RefuseStale(int expected, int version) => expected != version ? ReviewMessages.Stale : null;

    /// <summary>Any change to open minutes withdraws every approval they had.</summary>
    public static ChangeOutcome Change(Approvals approvals)
    {
        ArgumentNullException.ThrowIfNull(approvals);
        return new ChangeOutcome(Approvals.None, approvals.Sides);
    }

    /// <summary>
    /// <paramref name="side"/> approves the minutes it read at <paramref name="expectedVersion"/>: refused when the review
    /// is closed, when they changed since, or when that side already approved them.
    /// </summary>
    public static (ApprovalOutcome? Outcome, Message? Refusal) Approve(
        string status, int expectedVersion, int version, Approvals approvals, string side, Approval approval)
    {
        ArgumentNullException.ThrowIfNull(approvals);
        if ((RefuseChange(status) ?? RefuseStale(expectedVersion, version)) is { } refusal)
        {
            return (null, refusal);
        }

        if (approvals.Of(side) is not null)
        {
            return (null, ReviewMessages.AlreadyApproved);
        }

        var after = approvals.With(side, approval);
        return (new ApprovalOutcome(after, after.Complete), null);
    }

    /// <summary>The day it is at <paramref name="now"/> in the contract calendar's zone.</summary>
    public static DateOnly Today(DateTimeZone zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Instant.FromDateTimeOffset(now).InZone(zone).Date.ToDateOnly();
    }

    /// <summary>Overdue: still to be done and its due day is over (in the contract calendar's zone).</summary>
    public static bool IsOverdue(DateOnly dueOn, string status, DateOnly today) => ActionStatuses.IsPending(status) && dueOn < today;

    /// <summary>What is wrong with a review to prepare; the period when nothing is.</summary>
    public static FieldErrors Check(PrepareReviewInput input, out ReviewPeriod? period)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new FieldErrors();
        period = ReviewPeriod.TryParse(input.Period, out var parsed) ? parsed : null;
        if (period is null)
        {
            errors.Add("period", ReviewMessages.PeriodFormat);
        }

        Optional(errors, "title", input.Title, MaxTitleLength);
        return errors;
    }

    /// <summary>What is wrong with a comment on an indicator from <paramref name="side"/>.</summary>
    public static FieldErrors Check(string indicator, string side, CommentInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new FieldErrors();
        if (!Indicators.All.Contains(indicator))
        {
            errors.Add("indicator", ReviewMessages.IndicatorUnknown);
        }
        else if (indicator == Indicators.Budget && side != ReviewSides.Client)
        {
            errors.Add("indicator", ReviewMessages.BudgetIsTheClients);
        }

        Optional(errors, "text", input.Text, MaxTextLength);
        Version(errors, input.Version);
        return errors;
    }

    /// <summary>What is wrong with a decision (<paramref name="kind"/> decision) or an improvement axis.</summary>
    public static FieldErrors Check(string kind, PointInput input, bool isNew)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new FieldErrors();
        if (kind == PointKinds.Improvement && (input.Axis is null || !ImprovementAxes.All.Contains(input.Axis)))
        {
            errors.Add("axis", ReviewMessages.AxisUnknown);
        }

        Required(errors, "text", input.Text, MaxTextLength, ReviewMessages.TextRequired);
        if (!isNew)
        {
            Version(errors, input.Version);
        }

        return errors;
    }

    /// <summary>What is wrong with an action raised (<paramref name="isNew"/>) or changed.</summary>
    public static FieldErrors Check(ActionInput input, bool isNew)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new FieldErrors();
        Required(errors, "title", input.Title, MaxTitleLength, ReviewMessages.TitleRequired);
        if (input.Side is null || !ReviewSides.All.Contains(input.Side))
        {
            errors.Add("side", ReviewMessages.SideUnknown);
        }

        Required(errors, "owner", input.Owner, MaxOwnerLength, ReviewMessages.OwnerRequired);
        if (input.DueOn is not { } dueOn)
        {
            errors.Add("dueOn", ReviewMessages.DueOnRequired);
        }
        else if (dueOn.Year is < FirstYear or > LastYear)
        {
            errors.Add("dueOn", ReviewMessages.DueOnRange);
        }

        if ((input.Status is not null || !isNew) && (input.Status is null || !ActionStatuses.All.Contains(input.Status)))
        {
            errors.Add("status", ReviewMessages.StatusUnknown);
        }

        Optional(errors, "note", input.Note, MaxTextLength);
        if (!isNew)
        {
            Version(errors, input.Version);
        }

        return errors;
    }

    /// <summary>What is wrong with an approval.</summary>
    public static FieldErrors Check(ApproveInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new FieldErrors();
        Version(errors, input.Version);
        return errors;
    }

    /// <summary>What is wrong with a follow-up note.</summary>
    public static FieldErrors Check(NoteInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new FieldErrors();
        Required(errors, "text", input.Text, MaxTextLength, ReviewMessages.TextRequired);
        return errors;
    }

    /// <summary>A text as stored: trimmed, null when empty.</summary>
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void Required(FieldErrors errors, string field, string? value, int max, Message required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, required);
        }
        else
        {
            Optional(errors, field, value, max);
        }
    }

    private static void Optional(FieldErrors errors, string field, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max)
        {
            errors.Add(field, ReviewMessages.TooLong(max));
        }
    }

    private static void Version(FieldErrors errors, int? version)
    {
        if (version is not >= 0)
        {
            errors.Add("version", ReviewMessages.VersionRequired);
        }
    }
}

/// <summary>A review to prepare: its period (<c>yyyy-MM</c> or <c>yyyy-Qn</c>), optionally the meeting's day and a title.</summary>
public sealed record PrepareReviewInput(string? Period, DateOnly? MeetingOn = null, string? Title = null);

/// <summary>A side's comment on an indicator (empty to remove it), with the version of the comment read (0 when there was none).</summary>
public sealed record CommentInput(string? Text, int? Version);

/// <summary>A decision, or an improvement axis (<see cref="Axis"/>: service, needs, technology); the version read when changing one.</summary>
public sealed record PointInput(string? Text, string? Axis = null, int? Version = null);

/// <summary>
/// An item of the action plan: title, side responsible and the person it names, due day, status (open when raised
/// unless told), an optional follow-up note recorded with the change; the version read when changing one.
/// </summary>
public sealed record ActionInput(
    string? Title, string? Side, string? Owner, DateOnly? DueOn, string? Status = null, string? Note = null, int? Version = null);

/// <summary>A follow-up note on an action.</summary>
public sealed record NoteInput(string? Text);

/// <summary>An approval of the minutes as read at <see cref="Version"/>.</summary>
public sealed record ApproveInput(int? Version);
