using Infogerance.Identity.Domain;
using Infogerance.Mail;

namespace Infogerance.Identity;

/// <summary>The "Identity" configuration section.</summary>
public sealed class IdentitySettings
{
    /// <summary>The tokens' issuer, as the services' JwtBearer handler finds it in the discovery document.</summary>
    public string Issuer { get; set; } = "http://identity";

    /// <summary>
    /// Access tokens are short: the gateway drops those of a user, session or service account that lost its access
    /// within seconds (the revocations feed), and a token that escaped the gateway still dies within a minute.
    /// </summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(50);

    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(10);
    /// <summary>Wrong passwords in a row from one address that pause it on the account for <see cref="LockoutDuration"/>.</summary>
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>Wrong passwords from all addresses together that pause the account for addresses it is not known from.</summary>
    public int MaxAccountFailedLogins { get; set; } = 50;

    /// <summary>How long after a successful sign-in an address still signs in during an account-wide pause.</summary>
    public TimeSpan KnownAddressFor { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A new signing key takes over this often; the previous one stays published until its tokens expired.</summary>
    public TimeSpan KeyRotationInterval { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long a new key is published before it signs: longer than the services' JWKS refresh interval, so none
    /// of them meets a token signed with a key it has not yet seen.
    /// </summary>
    public TimeSpan KeyPublicationLead { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The site's public address, for invitation links; without it they are paths the web app completes.</summary>
    public string? PublicOrigin { get; set; }

    /// <summary>Loads the demo world at start-up (the run command sets it).</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>Invitations are e-mailed only when its host is set; otherwise the admin passes the link on.</summary>
    public SmtpSettings Smtp { get; set; } = new();

    public LockoutPolicy Lockout => new(MaxFailedLogins, LockoutDuration, MaxAccountFailedLogins, KnownAddressFor);

    /// <summary>
    /// A link to <paramref name="path"/> on the site's configured address; without one the link is the path, which the
    /// web app completes with the address it runs at. Never the request's host or forwarded headers: a caller could
    /// point the link at a site of theirs.
    /// </summary>
    public string LinkTo(string path) => $"{PublicOrigin?.TrimEnd('/') ?? ""}{path}";
    public SessionPolicy Sessions => new(SessionIdleTimeout, SessionLifetime);
}
