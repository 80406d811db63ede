using System.Globalization;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceDefaults;
using Infogerance.ServiceLevels;
using Infogerance.Validation;
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

    public static void MapSlaPreviewApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/sla").RequireAuthorization();
        api.MapPost("/preview", Preview);
    }

    /// <summary>Computes one SLA clock on a calendar as a contract writes it: its due time, warnings and state at its stop.</summary>
    public static Results<Ok<SlaPreviewResponse>, ProblemHttpResult> Preview(SlaPreviewRequest request)
    {
        var errors = new FieldErrors();
        ServiceLevelRules.CheckCalendar("calendar", request.Calendar, errors);
        ServiceLevelRules.CheckDuration("target", ("target", "l'objectif"), request.Target, errors);
        var thresholds = request.WarningThresholds ?? DefaultThresholds;
        ServiceLevelRules.CheckWarningThresholds("warningThresholds", thresholds, errors);
        CheckInstant("startedAt", Start, request.StartedAt, required: true, errors);
        CheckInstant("stoppedAt", Stop, request.StoppedAt, required: false, errors);
        if (request.StartedAt is { } start && request.StoppedAt is { } stop && stop < start)
        {
            errors.Add("stoppedAt", new Message("slaPreview.stop.beforeStart", "The clock cannot stop before it starts.", "Le décompte ne peut pas s'arrêter avant d'avoir commencé."));
        }

        var pauses = CheckPauses(request.Pauses ?? [], errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        // Validation guarantees the constructor accepts the calendar and the clock its arguments.
        var calendar = new BusinessCalendar(request.Calendar!);
        SlaClockResult clock;
        try
        {
            clock = SlaClock.Compute(calendar, request.Target!, request.StartedAt!.Value, pauses, request.StoppedAt, thresholds);
        }
        catch (EndlessCountException e)
        {
            // A count that runs into years without opening time (closed days over several years): the calendar's fault.
            return Problems.Invalid("calendar", e.Reason);
        }

        return TypedResults.Ok(new SlaPreviewResponse(
            InZone(calendar, clock.DueAt),
            clock.TargetBusinessSeconds,
            clock.PausedBusinessSeconds,
            [.. clock.Warnings.Select(w => new SlaPreviewWarning(w.Percent, InZone(calendar, w.At)))],
            clock.ElapsedBusinessSeconds,
            clock.Breached));
    }

    /// <summary>What an instant of the request is, in each language (« le début » …).</summary>
    private sealed record InstantName(string English, string French);

    private static readonly InstantName Start = new("start", "le début");
    private static readonly InstantName Stop = new("stop", "l'arrêt");
    private static readonly InstantName PauseStart = new("start of the pause", "le début de la pause");
    private static readonly InstantName PauseEnd = new("end of the pause", "la fin de la pause");

    private static void CheckInstant(string field, InstantName what, DateTimeOffset? instant, bool required, FieldErrors errors)
    {
        if (instant is not { } at)
        {
            if (required)
            {
                errors.Add(field, new Message(
                    "slaPreview.instant.required", $"The {what.English} is required, as an ISO 8601 date and time with its offset.",
                    $"Indiquez {what.French}, en date et heure ISO 8601 avec son décalage horaire."));
            }
        }
        else if (at < Earliest || at >= Latest)
        {
            errors.Add(field, new Message(
                "slaPreview.instant.range", $"The {what.English} must fall between {Earliest.Year} and {Latest.Year - 1}.",
                $"{Capitalised(what.French)} doit tomber entre {Earliest.Year} et {Latest.Year - 1}.").With("min", Earliest.Year).With("max", Latest.Year - 1));
        }
    }

    private static string Capitalised(string text) => string.Concat(char.ToUpperInvariant(text[0]).ToString(), text[1..]);

    private static List<(DateTimeOffset From, DateTimeOffset To)> CheckPauses(IReadOnlyList<SlaPreviewPause?> pauses, FieldErrors errors)
    {
        var valid = new List<(DateTimeOffset From, DateTimeOffset To)>(Math.Min(pauses.Count, MaxPauses));
        if (pauses.Count > MaxPauses)
        {
            errors.Add("pauses", new Message(
                "slaPreview.pauses.tooMany", $"Give at most {MaxPauses.ToString("N0", CultureInfo.InvariantCulture)} pauses.",
                $"Indiquez au plus {MaxPauses.ToString("N0", CultureInfo.GetCultureInfo("fr-FR"))} pauses.").With("max", MaxPauses));
            return valid;
        }

        for (var i = 0; i < pauses.Count; i++)
        {
            var path = $"pauses[{i}]";
            if (pauses[i] is not { } pause)
            {
                errors.Add(path, new Message("slaPreview.pause.missing", "The pause is missing.", "La pause est manquante."));
                continue;
            }

            var count = errors.MessageCount;
            CheckInstant($"{path}.from", PauseStart, pause.From, required: true, errors);
            CheckInstant($"{path}.to", PauseEnd, pause.To, required: true, errors);
            if (errors.MessageCount > count)
            {
                continue;
            }

            if (pause.To < pause.From)
            {
                errors.Add($"{path}.to", new Message("slaPreview.pause.order", "The pause cannot end before it starts.", "La pause ne peut pas finir avant de commencer."));
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
