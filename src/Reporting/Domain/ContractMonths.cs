using Infogerance.IntegrationEvents;
using Infogerance.Messaging;
using Infogerance.ServiceLevels;
using NodaTime;

namespace Infogerance.Reporting.Domain;

/// <summary>A version of a contract's terms and the day it takes effect.</summary>
public sealed record TermsVersion(int Number, DateOnly EffectiveFrom, ContractTerms Terms);

/// <summary>A month of a contract, cut in its calendar's zone, and the version of its terms in force when it starts.</summary>
public sealed record ContractMonth(CalendarMonth Month, TermsVersion? Version);

/// <summary>Where a contract's months start and end, and which terms set their targets.</summary>
public static class ContractMonths
{
    /// <summary>
    /// The month (by default the current one in the zone of the terms in force now), cut in the zone of the terms in
    /// force when it starts (the first version for a month before the contract): the rule of the Incidents service's
    /// availability report and of the penalty statements. In UTC, with no terms, while none is replicated.
    /// </summary>
    public static ContractMonth Of(IReadOnlyList<TermsVersion> versions, YearMonth? wanted, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var days = versions.Select(v => new ContractVersionDay(v.Number, v.EffectiveFrom, v.Terms.Calendar.TimeZone)).ToList();
        if (ContractReplica.InForce(days, now) is not { } current)
        {
            return new ContractMonth(Cut(wanted, now, DateTimeZone.Utc), null);
        }

        var month = Cut(wanted, now, ZoneOf(versions.First(v => v.Number == current)));
        var atStart = ContractReplica.InForce(days, month.Start) ?? current;
        var version = versions.First(v => v.Number == atStart);
        var zone = ZoneOf(version);
        return new ContractMonth(zone.Equals(month.Zone) ? month : CalendarMonth.Of(month.Month, zone), version);
    }

    /// <summary>The zone of the terms in force at <paramref name="now"/> (UTC while none is replicated): where the contract's days are told.</summary>
    public static DateTimeZone ZoneAt(IReadOnlyList<TermsVersion> versions, DateTimeOffset now) =>
        InForce(versions, now) is { } current ? ZoneOf(current) : DateTimeZone.Utc;

    /// <summary>The version of the terms in force at <paramref name="at"/> (null while none is replicated).</summary>
    public static TermsVersion? InForce(IReadOnlyList<TermsVersion> versions, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var days = versions.Select(v => new ContractVersionDay(v.Number, v.EffectiveFrom, v.Terms.Calendar.TimeZone)).ToList();
        return ContractReplica.InForce(days, at) is { } current ? versions.First(v => v.Number == current) : null;
    }

    /// <summary>The month asked for (<c>yyyy-MM</c>), or null for the current one; false when the text is not such a month.</summary>
    public static bool TryRead(string? text, out YearMonth? month)
    {
        var read = CalendarMonth.TryParse(text, out var parsed);
        month = read ? parsed : null;
        return read || text is null;
    }

    private static CalendarMonth Cut(YearMonth? wanted, DateTimeOffset now, DateTimeZone zone) =>
        wanted is { } month ? CalendarMonth.Of(month, zone) : CalendarMonth.Containing(now, zone);

    private static DateTimeZone ZoneOf(TermsVersion version) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(version.Terms.Calendar.TimeZone) ?? DateTimeZone.Utc;
}
