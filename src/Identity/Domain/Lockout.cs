namespace Infogerance.Identity.Domain;

/// <summary>
/// Wrong passwords counted for one account, either from one address or from all of them: how many, each within a pause's
/// length of the one before (a count older than that starts again; a sign-in starts its address's again, not the
/// account's), since when, and the pause they led to.
/// </summary>
public sealed record FailureCount(int Failures, DateTimeOffset? LastFailureAt, DateTimeOffset? PausedUntil)
{
    public static readonly FailureCount None = new(0, null, null);
}

/// <summary>One address's record on one account: its failures, and when the account last signed in from it.</summary>
public sealed record AddressRecord(FailureCount Count, DateTimeOffset? LastSuccessAt)
{
    public static readonly AddressRecord New = new(FailureCount.None, null);
}

/// <summary>
/// Wrong passwords slow down the address they come from, not the account: after <see cref="MaxFailures"/> in a row
/// from one address, that address is paused on that account for <see cref="Duration"/>, while the owner still signs
/// in from anywhere else; nobody can lock somebody else out from their own address. Guessing from many addresses is
/// met by an account-wide pause after <see cref="MaxAccountFailures"/>, which spares the addresses the account signed
/// in from within <see cref="KnownAddressFor"/>. A paused attempt is refused exactly as a wrong password is: the caller
/// learns neither that the account exists nor that it is paused.
/// </summary>
public sealed record LockoutPolicy(int MaxFailures, TimeSpan Duration, int MaxAccountFailures, TimeSpan KnownAddressFor)
{
    /// <summary>True when this address may not try the account's password now.</summary>
    public bool Refuses(AddressRecord address, FailureCount account, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(account);
        var known = address.LastSuccessAt > now - KnownAddressFor;
        return address.Count.PausedUntil > now || (account.PausedUntil > now && !known);
    }

    /// <summary>The address's and the account's counts after one more wrong password from the address.</summary>
    public (FailureCount Address, FailureCount Account) AfterFailure(FailureCount address, FailureCount account, DateTimeOffset now) =>
        (Next(address, MaxFailures, now), Next(account, MaxAccountFailures, now));

    private FailureCount Next(FailureCount count, int max, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(count);
        var failures = (count.LastFailureAt > now - Duration ? count.Failures : 0) + 1;
        return failures >= max
            ? new FailureCount(0, now, now + Duration)
            : new FailureCount(failures, now, count.PausedUntil > now ? count.PausedUntil : null);
    }
}
