using System.Globalization;
using System.Threading.Channels;
using Infogerance.Identity.Data;
using Infogerance.Identity.Domain;
using Infogerance.Mail;
using Microsoft.Extensions.Options;

namespace Infogerance.Identity;

/// <summary>
/// E-mails the owner of an account paused for every address it is not known from its one-time unlock link, when SMTP
/// is configured. Off the sign-in's path: the try that starts the pause is answered as fast as any other, whatever the
/// mail server does, and a caller hanging up does not stop the mail. Best effort: a mail lost with the process leaves
/// the pause to end by itself, and the owner still signs in from the devices the account is known from.
/// </summary>
public sealed class UnlockMailer(IOptions<IdentitySettings> settings, MailSender mail, ILogger<UnlockMailer> logger) : BackgroundService
{
    // Bounded: a flood of pauses (one per account at most every pause) cannot grow it without end.
    private readonly Channel<(UserAccount User, OpaqueToken Link)> _queue =
        Channel.CreateBounded<(UserAccount, OpaqueToken)>(new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Sends the link soon, after the sign-in's answer.</summary>
    public void Enqueue(UserAccount user, OpaqueToken link)
    {
        if (!_queue.Writer.TryWrite((user, link)))
        {
            logger.LogWarning("Unlock e-mail to {UserId} not sent: too many waiting, and the pause ends by itself", user.Id);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (user, link) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            await SendAsync(user, link, stoppingToken);
        }
    }

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
