using Infogerance.Identity.Data;
using Infogerance.Identity.Domain;
using Infogerance.Mail;
using Infogerance.ServiceDefaults;
using Infogerance.TestSupport;
using Infogerance.Validation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Infogerance.Identity.Tests;

/// <summary>The unlock link of an account paused everywhere, e-mailed through the shared mail sender to a real SMTP server on loopback.</summary>
public sealed class UnlockMailerTests
{
    private static readonly OpaqueToken Link = OpaqueToken.Create(OpaqueToken.Unlock, Guid.NewGuid());

    [Theory]
    [InlineData(Languages.French, "Infogérance — connexions suspendues", "suspendue pendant 15 minutes")]
    [InlineData(Languages.English, "Infogérance — sign-ins paused", "paused for 15 minutes")]
    public async Task The_owner_is_emailed_the_link_in_their_language(string language, string subject, string pause)
    {
        await using var mailbox = SmtpMailbox.Start();
        await Mailer(mailbox.Port).SendAsync(Owner(language), Link, TestContext.Current.CancellationToken);

        var mail = Assert.Single(await mailbox.WaitForAsync("marie@example.org"));
        Assert.Equal(subject, mail.Subject);
        Assert.Contains(pause, mail.Text);
        Assert.Contains($"https://app.example/unlock/{Link.Value}", mail.Text);
        Assert.Contains($"<a href=\"https://app.example/unlock/{Link.Value}\">", mail.Html);
    }

    [Fact]
    public async Task A_link_queued_by_the_sign_in_is_sent_in_the_background()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var mailbox = SmtpMailbox.Start();
        using var mailer = Mailer(mailbox.Port);
        await mailer.StartAsync(cancellation);

        mailer.Enqueue(Owner(Languages.English), Link);

        var mail = Assert.Single(await mailbox.WaitForAsync("marie@example.org"));
        Assert.Contains($"https://app.example/unlock/{Link.Value}", mail.Text);
        await mailer.StopAsync(cancellation);
    }

    [Fact]
    public async Task A_mail_server_that_refuses_leaves_the_sign_in_answered_as_before()
    {
        var mailbox = SmtpMailbox.Start();
        await mailbox.StopAsync();

        // Nothing thrown: the pause ends by itself, and the owner still signs in from the devices the account is known from.
        await Mailer(mailbox.Port).SendAsync(Owner(Languages.French), Link, TestContext.Current.CancellationToken);
    }

    private static UserAccount Owner(string language) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "marie@example.org", "Marie Curie", [Roles.Requester], UserAccount.Active, language, null, 0, null, null,
            DateTimeOffset.UnixEpoch, 1);

    private static UnlockMailer Mailer(int port)
    {
        var settings = new IdentitySettings
        {
            PublicOrigin = "https://app.example/",
            Smtp = new SmtpSettings { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None },
        };
        return new UnlockMailer(Options.Create(settings), new MailSender(settings.Smtp), NullLogger<UnlockMailer>.Instance);
    }
}
