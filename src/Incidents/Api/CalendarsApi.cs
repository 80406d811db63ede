using Infogerance.ServiceLevels;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Incidents.Api;

/// <summary>The public holidays a service calendar's packs close, for the SLA editor and outside checks.</summary>
public static class CalendarsApi
{
    // The years a contract may reasonably span; the packs themselves are computed for any Gregorian year.
    private const int FirstYear = 1990;
    private const int LastYear = 2100;

    public static void MapCalendarsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/calendars/holidays", Holidays).RequireAuthorization();

    public static Results<Ok<Holiday[]>, ProblemHttpResult> Holidays(string? pack, int? year)
    {
        var errors = new Dictionary<string, string[]>();
        if (!HolidayPacks.IsKnown(pack))
        {
            errors["pack"] = [$"One of: {string.Join(", ", HolidayPacks.All)}."];
        }

        if (year is not (>= FirstYear and <= LastYear))
        {
            errors["year"] = [$"A year from {FirstYear} to {LastYear}."];
        }

        return errors.Count > 0 ? Problems.Invalid(errors) : TypedResults.Ok(HolidayPacks.For(pack!, year!.Value).ToArray());
    }
}
