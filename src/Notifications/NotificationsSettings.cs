using Infogerance.Mail;

namespace Infogerance.Notifications;

/// <summary>
/// The "Notifications" configuration section: every setting of the service is a property here, bound once in
/// <c>AddApplicationServices</c> and read through <c>IOptions&lt;NotificationsSettings&gt;</c>, never from the configuration directly.
/// </summary>
public sealed class NotificationsSettings
{
    /// <summary>The web app's public address, for the links in e-mails (<c>https://app.example.com</c>); required with an SMTP host.</summary>
    public string? PublicOrigin { get; set; }

    /// <summary>Notifications are e-mailed only when its host is set; otherwise they stay in the app.</summary>
    public SmtpSettings Smtp { get; set; } = new();

    public EmailSettings Email { get; set; } = new();
}

/// <summary>The "Notifications:Email" section: how e-mails are sent, retried, and gathered into the daily digest.</summary>
public sealed class EmailSettings
{
    /// <summary>The e-mail workers of each replica, each with its own SMTP connection.</summary>
    public int Workers { get; set; } = 4;

    /// <summary>How often a worker looks for e-mails falling due (retries, digests, other replicas' work); new ones wake it at once.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts before an e-mail is given up (marked failed, its last error kept).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt, doubled after each further one up to <see cref="LongestRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan LongestRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The hour (0 to 23, in <see cref="TimeZone"/>) the daily digest goes out at.</summary>
    public int DigestHour { get; set; } = 7;

    /// <summary>The zone of the digest hour and of the dates and times written in e-mails (an IANA name).</summary>
    public string TimeZone { get; set; } = "Europe/Paris";

    /// <summary>Whether the settings can be used; the zone is resolved here so that a wrong name stops the start.</summary>
    public bool IsValid =>
        Workers >= 1 && MaxAttempts >= 1 && PollInterval > TimeSpan.Zero && FirstRetryDelay > TimeSpan.Zero && LongestRetryDelay >= FirstRetryDelay
        && DigestHour is >= 0 and <= 23 && TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _);

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
