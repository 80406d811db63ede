using System.Globalization;
using Infogerance.Identity.Data;
using Infogerance.Identity.Domain;
using Infogerance.Mail;
using Microsoft.Extensions.Options;

namespace Infogerance.Identity;

/// <summary>
/// E-mails the owner of an account paused for every address it is not known from its one-time unlock link, when SMTP
/// is configured. Best effort: the pause ends by itself, and the owner still signs in from the devices it is known from.
/// </summary>
public sealed class UnlockMailer(IOptions<IdentitySettings> settings, MailSender mail, ILogger<UnlockMailer> logger)
{
    public async Task SendAsync(UserAccount user, OpaqueToken link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(link);
        if (!mail.IsConfigured)
        {
            logger.LogWarning("Unlock e-mail to {UserId} not sent: no mail server is configured, and the pause ends by itself", user.Id);
            return;
        }

        try
        {
            var url = settings.Value.LinkTo($"/unlock/{link.Value}");
            var (subject, text, html) = Compose(user.DisplayName, url, settings.Value.LockoutDuration, CultureInfo.GetCultureInfo(user.Language));
            await mail.SendAsync(new OutgoingMail(user.Email, user.DisplayName, subject, text, html), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Unlock e-mail to {UserId} not sent: the pause ends by itself", user.Id);
        }
    }

    /// <summary>The unlock e-mail's subject, text and HTML in <paramref name="language"/>.</summary>
    public static (string Subject, string Text, string Html) Compose(string displayName, string url, TimeSpan pause, CultureInfo language)
    {
        var text = IdentityMessages.UnlockBody(displayName, (int)Math.Round(pause.TotalMinutes), url).In(language);
        return (IdentityMessages.UnlockSubject.In(language), text, MailHtml.OfText(text, url));
    }
}
