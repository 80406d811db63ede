using System.Globalization;
using Infogerance.Identity.Data;
using Infogerance.Identity.Domain;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Infogerance.Identity;

/// <summary>The link is returned only when it was not e-mailed: whoever invites must not be able to use it.</summary>
public sealed record InvitationResponse(Api.UserDto User, string? InvitationUrl, bool Emailed);

/// <summary>
/// Turns a new invitation into its one-time link, and e-mails it when SMTP is configured; otherwise (or when
/// sending fails) the admin is shown the link to pass on.
/// </summary>
public sealed class InvitationMailer(IOptions<IdentitySettings> settings, ILogger<InvitationMailer> logger)
{
    /// <summary>The e-mail is written in the invited person's language.</summary>
    public async Task<InvitationResponse> DeliverAsync(
        NewInvitation invitation, string organisationName, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var url = $"{PublicOrigin(request)}/invitation/{invitation.Token.Value}";
        var smtp = settings.Value.Smtp;
        var emailed = false;
        if (!string.IsNullOrWhiteSpace(smtp.Host))
        {
            try
            {
                var (subject, body) = Compose(invitation, organisationName, url, settings.Value.InvitationLifetime,
                    CultureInfo.GetCultureInfo(invitation.User.Language));
                var message = new MimeMessage();
                message.From.Add(MailboxAddress.Parse(smtp.From));
                message.To.Add(new MailboxAddress(invitation.User.DisplayName, invitation.User.Email));
                message.Subject = subject;
                message.Body = new TextPart("plain") { Text = body };
                using var client = new SmtpClient();
                // Never in clear: the credentials and the one-time link travel in this connection.
                await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls, cancellationToken);
                if (!string.IsNullOrEmpty(smtp.UserName))
                {
                    await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
                }

                await client.SendAsync(message, cancellationToken);
                await client.DisconnectAsync(quit: true, cancellationToken);
                emailed = true;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Invitation e-mail to {UserId} not sent; the admin is shown the link instead", invitation.User.Id);
            }
        }

        return new InvitationResponse(Api.UserDto.From(invitation.User), emailed ? null : url, emailed);
    }

    /// <summary>The invitation e-mail's subject and text in <paramref name="language"/>.</summary>
    public static (string Subject, string Body) Compose(NewInvitation invitation, string organisationName, string url, TimeSpan lifetime, CultureInfo language)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var days = (int)Math.Round(lifetime.TotalDays);
        return (IdentityMessages.InvitationSubject(organisationName).In(language),
            IdentityMessages.InvitationBody(invitation.User.DisplayName, organisationName, days, url).In(language));
    }

    /// <summary>
    /// The site's address as the browser sees it: configured, or told by the gateway's forwarded headers (which a
    /// caller can influence: that is why e-mailing requires the configured origin, see the settings' validation).
    /// </summary>
    private string PublicOrigin(HttpRequest request)
    {
        if (!string.IsNullOrWhiteSpace(settings.Value.PublicOrigin))
        {
            return settings.Value.PublicOrigin.TrimEnd('/');
        }

        var scheme = request.Headers["X-Forwarded-Proto"].FirstOrDefault() ?? request.Scheme;
        var host = request.Headers["X-Forwarded-Host"].FirstOrDefault() ?? request.Host.Value;
        return $"{scheme}://{host}";
    }
}
