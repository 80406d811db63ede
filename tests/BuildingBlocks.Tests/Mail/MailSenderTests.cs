using Infogerance.Mail;
using Infogerance.TestSupport;

namespace Infogerance.BuildingBlocks.Tests.Mail;

public sealed class MailSenderTests
{
    [Fact]
    public async Task A_mail_goes_out_with_its_text_and_html_parts_and_the_message_id_its_key_makes()
    {
        await using var mailbox = SmtpMailbox.Start();
        var sender = new MailSender(new SmtpSettings { Host = "localhost", Port = mailbox.Port, Security = SmtpSecurity.None });
        await using (var connection = await sender.ConnectAsync(TestContext.Current.CancellationToken))
        {
            await connection.SendAsync(new OutgoingMail("ana@example.org", "Ana", "Échéance", "Texte é", "<p>Texte &eacute;</p>", "notification.1"),
                TestContext.Current.CancellationToken);
            await connection.SendAsync(new OutgoingMail("bob@example.org", "Bob", "Plain", "Only text"), TestContext.Current.CancellationToken);
        }

        var first = Assert.Single(await mailbox.WaitForAsync("ana@example.org"));
        Assert.Equal(("Échéance", "Texte é", "<p>Texte &eacute;</p>"), (first.Subject, first.Text.TrimEnd(), first.Html.TrimEnd()));
        Assert.Equal("notification.1@infogerance.example", first.MessageId);
        Assert.Equal("no-reply@infogerance.example", first.EnvelopeFrom);
        var second = Assert.Single(await mailbox.WaitForAsync("bob@example.org"));
        Assert.Equal("", second.Html);
        Assert.NotEqual(first.MessageId, second.MessageId);
    }

    [Fact]
    public void Attachments_follow_the_text_and_html_parts_under_their_name_and_type()
    {
        var pdf = "%PDF-1.7 tiny"u8.ToArray();
        var message = MailConnection.Build(
            new OutgoingMail("ana@example.org", "Ana", "Tableau de bord", "Texte", "<p>Texte</p>", Attachments: [new MailAttachment("ACME-tableau-de-bord-2027-03.pdf", "application/pdf", pdf)]),
            new MimeKit.MailboxAddress("Infogérance", "no-reply@infogerance.example"));

        var attachment = Assert.IsType<MimeKit.MimePart>(Assert.Single(message.Attachments));
        Assert.Equal(("ACME-tableau-de-bord-2027-03.pdf", "application/pdf"), (attachment.FileName, attachment.ContentType.MimeType));
        using var content = new MemoryStream();
        attachment.Content!.DecodeTo(content, TestContext.Current.CancellationToken);
        Assert.Equal(pdf, content.ToArray());
        Assert.Equal(("Texte", "<p>Texte</p>"), (message.TextBody, message.HtmlBody));
    }

    [Theory]
    [InlineData("localhost", SmtpSecurity.None, true)]
    [InlineData("127.0.0.1", SmtpSecurity.None, true)]
    [InlineData("::1", SmtpSecurity.None, true)]
    [InlineData("smtp.example.com", SmtpSecurity.None, false)]
    [InlineData("10.0.0.5", SmtpSecurity.None, false)]
    [InlineData("smtp.example.com", SmtpSecurity.StartTls, true)]
    [InlineData("smtp.example.com", SmtpSecurity.SslOnConnect, true)]
    public void Mail_travels_in_clear_only_to_this_machine(string host, SmtpSecurity security, bool allowed) =>
        Assert.Equal(allowed, new SmtpSettings { Host = host, Security = security }.IsAllowed);

    [Fact]
    public void Without_a_host_nothing_is_sent_and_anything_goes_and_the_port_says_the_default_security()
    {
        Assert.True(new SmtpSettings { Security = SmtpSecurity.None }.IsAllowed);
        Assert.False(new SmtpSettings().IsConfigured);
        Assert.Equal(SmtpSecurity.SslOnConnect, new SmtpSettings { Port = 465 }.EffectiveSecurity);
        Assert.Equal(SmtpSecurity.StartTls, new SmtpSettings { Port = 587 }.EffectiveSecurity);
        Assert.False(new SmtpSettings { Host = "localhost", From = "not an address" }.IsAllowed);
    }

    [Fact]
    public async Task A_server_that_refuses_the_connection_fails_the_send()
    {
        var mailbox = SmtpMailbox.Start();
        await mailbox.StopAsync();
        var sender = new MailSender(new SmtpSettings { Host = "127.0.0.1", Port = mailbox.Port, Security = SmtpSecurity.None });
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(
            () => sender.SendAsync(new OutgoingMail("ana@example.org", "Ana", "S", "T"), TestContext.Current.CancellationToken));

        mailbox.Resume();
        await sender.SendAsync(new OutgoingMail("ana@example.org", "Ana", "S", "T"), TestContext.Current.CancellationToken);
        Assert.Single(await mailbox.WaitForAsync("ana@example.org"));
        await mailbox.DisposeAsync();
    }
}

public sealed class MailHtmlTests
{
    [Theory]
    [InlineData("Échéance d'été", "Échéance d&#39;été")]
    [InlineData("<script>alert(\"x\")</script> & co", "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Only_what_means_something_in_html_is_escaped(string? value, string html) => Assert.Equal(html, MailHtml.Encode(value));
}
