using System.Net;
using MimeKit;

namespace Infogerance.Mail;

/// <summary>How the connection to the SMTP server is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS before anything is sent; refused if the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>In clear: only towards a server on this machine (a local mail catcher), see <see cref="SmtpSettings.IsAllowed"/>.</summary>
    None,
}

/// <summary>
/// A service's SMTP server, under its own configuration section (<c>Identity:Smtp</c>, <c>Notifications:Smtp</c>). Nothing
/// is e-mailed while <see cref="Host"/> is unset.
/// </summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Infogérance <no-reply@infogerance.example>";

    /// <summary>Unset: TLS from the first byte on port 465, STARTTLS on any other port.</summary>
    public SmtpSecurity? Security { get; set; }

    /// <summary>How long one SMTP command may take before the send fails (and is retried by whoever sends).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public SmtpSecurity EffectiveSecurity => Security ?? (Port == 465 ? SmtpSecurity.SslOnConnect : SmtpSecurity.StartTls);

    /// <summary>
    /// False when the settings would send in clear over a network (credentials and one-time links travel in the
    /// connection): <see cref="SmtpSecurity.None"/> is for a mail catcher on this machine only. Also false for a sender
    /// address that cannot be read.
    /// </summary>
    public bool IsAllowed =>
        !IsConfigured || (MailboxAddress.TryParse(From, out _) && (EffectiveSecurity != SmtpSecurity.None || IsLoopback(Host!)));

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
