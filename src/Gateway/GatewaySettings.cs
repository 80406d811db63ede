namespace Infogerance.Gateway;

/// <summary>The "Spa" configuration section.</summary>
public sealed class SpaSettings
{
    /// <summary>The SPA's built files; absent in development, where Vite's dev server serves the SPA.</summary>
    public string? Root { get; set; }
}

/// <summary>The "RateLimits" configuration section.</summary>
public sealed class RateLimitSettings
{
    /// <summary>Log-in attempts per client address per minute (the account lockout counts per account).</summary>
    public int LoginsPerAddressPerMinute { get; set; } = 10;

    /// <summary>
    /// Requests per second one client address may sustain on /api and /bff, and its burst: checked before any
    /// credential is looked up, so a flood of made-up cookies or keys never reaches Identity unbounded.
    /// </summary>
    public int RequestsPerAddressPerSecond { get; set; } = 200;
    public int AddressBurst { get; set; } = 400;

    /// <summary>API requests per second one organisation may sustain, and its burst: one tenant cannot starve the others.</summary>
    public int RequestsPerSecond { get; set; } = 100;
    public int Burst { get; set; } = 400;
}

/// <summary>The "Dossier" configuration section: how the parts of a contract's dossier are fetched (<see cref="ContractDossier"/>).</summary>
public sealed class DossierSettings
{
    /// <summary>
    /// The largest part a service may send, compressed; a larger one fails the download (502) rather than exhaust the
    /// gateway's memory, which holds every part and their files while it merges them.
    /// </summary>
    public long MaxPartBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How long a service may take to build and send its part.</summary>
    public TimeSpan PartTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
