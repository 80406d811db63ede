using System.Globalization;
using Infogerance.Identity.Data;
using Infogerance.Identity.Domain;
using Infogerance.Mail;
using Microsoft.Extensions.Options;

namespace Infogerance.Identity;

/// <summary>The link is returned only when it was not e-mailed: whoever invites must not be able to use it.</summary>
public sealed record InvitationResponse(Api.UserDto User, string? InvitationUrl, bool Emailed);

/// <summary>
/// Turns a new invitation into its one-time link, and e-mails it when SMTP is configured; otherwise (or when
/// sending fails) the admin is shown the link to pass on.
/// </summary>
public sealed class InvitationMailer(IOptions<IdentitySettings> settings, MailSender mail, ILogger<InvitationMailer> logger)
{
    /// <summary>The e-mail is written in the invited person's language.</summary>
    public async Task<InvitationResponse> DeliverAsync(
        NewInvitation invitation, string organisationName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var url = settings.Value.LinkTo($"/invitation/{invitation.Token.Value}");
        var emailed = false;
        if (mail.IsConfigured)
        {
            try
            {
                var (subject, text, html) = Compose(invitation, organisationName, url, settings.Value.InvitationLifetime,
                    CultureInfo.GetCultureInfo(invitation.User.Language));
                await mail.SendAsync(new OutgoingMail(invitation.User.Email, invitation.User.DisplayName, subject, text, html), cancellationToken);
                emailed = true;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Invitation e-mail to {UserId} not sent; the admin is shown the link instead", invitation.User.Id);
            }
        }

        return new InvitationResponse(Api.UserDto.From(invitation.User), emailed ? null : url, emailed);
    }

    /// <summary>The invitation e-mail's subject, text and HTML in <paramref name="language"/>.</summary>
    public static (string Subject, string Text, string Html) Compose(
        NewInvitation invitation, string organisationName, string url, TimeSpan lifetime, CultureInfo language)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var days = (int)Math.Round(lifetime.TotalDays);
        var text = IdentityMessages.InvitationBody(invitation.User.DisplayName, organisationName, days, url).In(language);
        return (IdentityMessages.InvitationSubject(organisationName).In(language), text, MailHtml.OfText(text, url));
    }
}
