namespace Infogerance.Contracts.Domain;

/// <summary>A version as its standing needs it: its number, its stored status and the day it takes effect.</summary>
public readonly record struct VersionDates(int Number, string Status, DateOnly? EffectiveFrom);

/// <summary>
/// Which countersigned version is in force on a day, and the status people read for each version. The stored status
/// of every countersigned version stays <c>active</c>; on a given day only one of them is in force: those it replaces
/// read <c>superseded</c>, those not yet started read <c>scheduled</c>.
/// </summary>
public static class VersionStanding
{
    public const string Active = "active";
    public const string Superseded = "superseded";
    public const string Scheduled = "scheduled";

    /// <summary>The active version in force on <paramref name="day"/>, or the first one when none has started yet.</summary>
    public static int? InForce(IEnumerable<VersionDates> versions, DateOnly day)
    {
        var active = versions.Where(version => version.Status == Active).OrderBy(version => version.Number).ToList();
        var current = active.LastOrDefault(version => version.EffectiveFrom <= day);
        return current.Status is null ? active.Count == 0 ? null : active[0].Number : current.Number;
    }

    /// <summary>The version a new amendment starts from: the latest active one, else the draft of an unsigned contract.</summary>
    public static int? Latest(IEnumerable<VersionDates> versions)
    {
        var standing = versions.Where(version => version.Status != "withdrawn").ToList();
        return standing.Where(version => version.Status == Active).Select(version => (int?)version.Number).Max()
            ?? standing.Select(version => (int?)version.Number).Max();
    }

    /// <summary>Each version's status on <paramref name="day"/>: stored statuses other than active are kept as they are.</summary>
    public static IReadOnlyDictionary<int, string> Statuses(IReadOnlyCollection<VersionDates> versions, DateOnly day)
    {
        var inForce = InForce(versions, day);
        return versions.ToDictionary(
            version => version.Number,
            version => version.Status != Active || version.Number == inForce ? version.Status
                : version.Number < inForce ? Superseded
                : Scheduled);
    }
}
