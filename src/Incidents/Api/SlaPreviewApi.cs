using Infogerance.Validation;
using System.Globalization;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Infogerance.ServiceLevels;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Infogerance.Incidents.Api;

/// <summary>A period during which the clock does not count (the ticket waits on the client).</summary>
public sealed record SlaPreviewPause(DateTimeOffset? From, DateTimeOffset? To);

/// <summary>
/// One SLA clock to compute: a calendar as a contract writes it, one target, the clock's start, its pauses, its
/// stop. Absent pauses mean none, absent thresholds mean the usual 50 % and 75 %.
/// </summary>
public sealed record SlaPreviewRequest(
    ServiceCalendar? Calendar,
    SlaDuration? Target,
    DateTimeOffset? StartedAt,
    IReadOnlyList<SlaPreviewPause?>? Pauses,
    DateTimeOffset? StoppedAt,
    IReadOnlyList<int>? WarningThresholds);

public sealed record SlaPreviewWarning(int Percent, DateTimeOffset At);

/// <summary>
/// Instants carry the calendar zone's offset at that instant, so that "15:54:34+02:00" reads as the desk's wall
/// clock. <see cref="ElapsedBusinessSeconds"/> and <see cref="Breached"/> describe the clock at its stop (0 and
/// false without one).
/// </summary>
public sealed record SlaPreviewResponse(
    DateTimeOffset DueAt,
    long TargetBusinessSeconds,
    long PausedBusinessSeconds,
    IReadOnlyList<SlaPreviewWarning> Warnings,
    long ElapsedBusinessSeconds,
    bool Breached);

/// <summary>
/// The SLA clock on a calendar being written, before any contract or ticket exists: the terms editor shows what a
/// target means, and outside checks can compare their own computation with ours. The same engine and the same
/// validation as the real clocks and the contract's terms.
/// </summary>
public static class SlaPreviewApi
{
    /// <summary>The years a contract may span, as for the holidays; also keeps each preview's year tables few.</summary>
    private static readonly DateTimeOffset Earliest = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2101, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A real ticket pauses a few times; the cap keeps one request's work bounded.</summary>
    public const int MaxPauses = 1_000;

    private static readonly IReadOnlyList<int> DefaultThresholds = [50, 75];

    public static void MapSlaPreviewApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/sla/preview", Preview).RequireAuthorization();

    public static Results<Ok<SlaPreviewResponse>, ProblemHttpResult> Preview(SlaPreviewRequest request)
    {
        var errors = new FieldErrors();
        ServiceLevelRules.CheckCalendar("calendar", request.Calendar, errors);
        ServiceLevelRules.CheckDuration("target", ("target", "l'objectif"), request.Target, errors);
        var thresholds = request.WarningThresholds ?? DefaultThresholds;
        ServiceLevelRules.CheckWarningThresholds("warningThresholds", thresholds, errors);
        CheckInstant("startedAt", "start", request.StartedAt, required: true, errors);
        CheckInstant("stoppedAt", "stop", request.StoppedAt, required: false, errors);
        if (request.StartedAt is { } start && request.StoppedAt is { } stop && stop < start)
        {
            errors.Add("stoppedAt", "The clock cannot stop before it starts.");
        }

        var pauses = CheckPauses(request.Pauses ?? [], errors);
        if (errors.MessageCount > 0)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        // Validation guarantees the constructor accepts the calendar and the clock its arguments.
        var calendar = new BusinessCalendar(request.Calendar!);
        SlaClockResult clock;
        try
        {
            clock = SlaClock.Compute(calendar, request.Target!, request.StartedAt!.Value, pauses, request.StoppedAt, thresholds);
        }
        catch (InvalidOperationException e)
        {
            // A count that runs into years without opening time (closed days over several years): the calendar's fault.
            return Problems.Invalid(new Dictionary<string, string[]> { ["calendar"] = [e.Message] });
        }

        return TypedResults.Ok(new SlaPreviewResponse(
            InZone(calendar, clock.DueAt),
            clock.TargetBusinessSeconds,
            clock.PausedBusinessSeconds,
            [.. clock.Warnings.Select(w => new SlaPreviewWarning(w.Percent, InZone(calendar, w.At)))],
            clock.ElapsedBusinessSeconds,
            clock.Breached));
    }

    private static void CheckInstant(string field, string what, DateTimeOffset? instant, bool required, FieldErrors errors)
    {
        if (instant is not { } at)
        {
            if (required)
            {
                errors.Add(field, $"The {what} is required, as an ISO 8601 date and time with its offset.");
            }
        }
        else if (at < Earliest || at >= Latest)
        {
            errors.Add(field, $"The {what} must fall between {Earliest.Year} and {Latest.Year - 1}.");
        }
    }

    private static List<(DateTimeOffset From, DateTimeOffset To)> CheckPauses(IReadOnlyList<SlaPreviewPause?> pauses, FieldErrors errors)
    {
        var valid = new List<(DateTimeOffset From, DateTimeOffset To)>(Math.Min(pauses.Count, MaxPauses));
        if (pauses.Count > MaxPauses)
        {
            errors.Add("pauses", $"Give at most {MaxPauses.ToString("N0", CultureInfo.InvariantCulture)} pauses.");
            return valid;
        }

        for (var i = 0; i < pauses.Count; i++)
        {
            var path = $"pauses[{i}]";
            if (pauses[i] is not { } pause)
            {
                errors.Add(path, "The pause is missing.");
                continue;
            }

            var count = errors.MessageCount;
            CheckInstant($"{path}.from", "start of the pause", pause.From, required: true, errors);
            CheckInstant($"{path}.to", "end of the pause", pause.To, required: true, errors);
            if (errors.MessageCount > count)
            {
                continue;
            }

            if (pause.To < pause.From)
            {
                errors.Add($"{path}.to", "The pause cannot end before it starts.");
                continue;
            }

            valid.Add((pause.From!.Value, pause.To!.Value));
        }

        return valid;
    }

    /// <summary>The instant with the zone's offset then (whole minutes; the odd local-mean-time offsets of old dates stay in UTC).</summary>
    private static DateTimeOffset InZone(BusinessCalendar calendar, DateTimeOffset instant)
    {
        var offset = calendar.Zone.GetUtcOffset(Instant.FromDateTimeOffset(instant));
        return offset.Seconds % 60 == 0 ? instant.ToOffset(offset.ToTimeSpan()) : instant;
    }
}
