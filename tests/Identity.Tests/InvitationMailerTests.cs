using Infogerance.Identity.Data;
using Infogerance.Identity.Domain;
using Infogerance.Mail;
using Infogerance.ServiceDefaults;
using Infogerance.TestSupport;
using Infogerance.Validation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Infogerance.Identity.Tests;

/// <summary>The invitation through the shared mail sender, to a real SMTP server on loopback.</summary>
public sealed class InvitationMailerTests
{
    private static readonly NewInvitation Invitation = new(
        new UserAccount(Guid.NewGuid(), Guid.NewGuid(), "marie@example.org", "Marie Curie", [Roles.Requester], UserAccount.Invited,
            Languages.French, null, 0, null, null, DateTimeOffset.UnixEpoch, 1),
        OpaqueToken.Create(OpaqueToken.Invitation, Guid.NewGuid()));

    [Fact]
    public async Task The_invitation_is_emailed_in_the_persons_language_and_its_link_is_then_not_shown()
    {
        await using var mailbox = SmtpMailbox.Start();
        var response = await Mailer(mailbox.Port).DeliverAsync(Invitation, "Acme", TestContext.Current.CancellationToken);

        Assert.True(response.Emailed);
        Assert.Null(response.InvitationUrl);
        var mail = Assert.Single(await mailbox.WaitForAsync("marie@example.org"));
        Assert.Equal("Infogérance — invitation (Acme)", mail.Subject);
        Assert.Contains($"https://app.example/invitation/{Invitation.Token.Value}", mail.Text);
        Assert.Contains("Vous êtes invité(e)", mail.Text);
        Assert.Contains($"<a href=\"https://app.example/invitation/{Invitation.Token.Value}\">", mail.Html);
    }

    [Fact]
    public async Task When_the_mail_server_refuses_the_admin_is_shown_the_link()
    {
        var mailbox = SmtpMailbox.Start();
        await mailbox.StopAsync();
        var response = await Mailer(mailbox.Port).DeliverAsync(Invitation, "Acme", TestContext.Current.CancellationToken);

        Assert.False(response.Emailed);
        Assert.Equal($"https://app.example/invitation/{Invitation.Token.Value}", response.InvitationUrl);
    }

    [Fact]
    public async Task Without_a_configured_origin_the_link_is_a_path_for_the_web_app_to_complete()
    {
        var mailer = new InvitationMailer(Options.Create(new IdentitySettings()), new MailSender(new SmtpSettings()), NullLogger<InvitationMailer>.Instance);
        var response = await mailer.DeliverAsync(Invitation, "Acme", TestContext.Current.CancellationToken);

        Assert.False(response.Emailed);
        Assert.Equal($"/invitation/{Invitation.Token.Value}", response.InvitationUrl);
    }

    private static InvitationMailer Mailer(int port)
    {
        var settings = new IdentitySettings
        {
            PublicOrigin = "https://app.example/",
            Smtp = new SmtpSettings { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None },
        };
        return new InvitationMailer(Options.Create(settings), new MailSender(settings.Smtp), NullLogger<InvitationMailer>.Instance);
    }
}
