using Infogerance.ServiceDefaults;
using Infogerance.ServiceLevels;
using Infogerance.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Infogerance.Incidents.Api;

/// <summary>The public holidays a service calendar's packs close, for the SLA editor and outside checks.</summary>
public static class CalendarsApi
{
    // The years a contract may reasonably span; the packs themselves are computed for any Gregorian year.
    private const int FirstYear = 1990;
    private const int LastYear = 2100;

    public static void MapCalendarsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/calendars").RequireAuthorization();
        api.MapGet("/holidays", Holidays);
    }

    /// <summary>Lists the public holidays a holiday pack closes in one year, by date.</summary>
    public static Results<Ok<Holiday[]>, ProblemHttpResult> Holidays(string? pack, int? year)
    {
        var errors = new FieldErrors();
        if (!HolidayPacks.IsKnown(pack))
        {
            var packs = string.Join(", ", HolidayPacks.All);
            errors.Add("pack", new Message("holidays.pack.unknown", $"One of: {packs}.", $"L'un de : {packs}.").With("packs", packs));
        }

        if (year is not (>= FirstYear and <= LastYear))
        {
            errors.Add("year", new Message("holidays.year.range", $"A year from {FirstYear} to {LastYear}.", $"Une année de {FirstYear} à {LastYear}.")
                .With("min", FirstYear).With("max", LastYear));
        }

        return errors.IsEmpty ? TypedResults.Ok(HolidayPacks.For(pack!, year!.Value).ToArray()) : Problems.Invalid(errors);
    }
}
