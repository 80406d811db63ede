using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Infogerance.Mail;

/// <summary>
/// The one way the services send e-mail: over MailKit to the configured SMTP server, protected as
/// <see cref="SmtpSettings.EffectiveSecurity"/> says. A failure is thrown to the caller, who decides whether to retry.
/// </summary>
public sealed class MailSender(SmtpSettings settings)
{
    public bool IsConfigured => settings.IsConfigured;

    /// <summary>Sends one mail over a connection of its own.</summary>
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await connection.SendAsync(mail, cancellationToken);
    }

    /// <summary>An open, authenticated connection, to send several mails in a row.</summary>
    /// <exception cref="InvalidOperationException">No SMTP host is configured.</exception>
    public async Task<MailConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        if (settings.Host is not { } host || !settings.IsConfigured)
        {
            throw new InvalidOperationException("No SMTP host is configured: nothing can be e-mailed.");
        }

        var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(host, settings.Port, Options(settings.EffectiveSecurity), cancellationToken);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return new MailConnection(client, MailboxAddress.Parse(settings.From));
    }

    private static SecureSocketOptions Options(SmtpSecurity security) => security switch
    {
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };
}

/// <summary>A connection to the SMTP server, closed politely when disposed.</summary>
public sealed class MailConnection : IAsyncDisposable
{
    private readonly SmtpClient _client;
    private readonly MailboxAddress _from;

    internal MailConnection(SmtpClient client, MailboxAddress from)
    {
        _client = client;
        _from = from;
    }

    /// <summary>False once the server or the network dropped it: open another.</summary>
    public bool IsConnected => _client.IsConnected;

    public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return _client.SendAsync(Build(mail, _from), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(quit: true, CancellationToken.None);
            }
        }
        catch (Exception exception) when (exception is IOException or MailKit.ProtocolException or MailKit.CommandException or OperationCanceledException)
        {
            // Everything was sent (or failed) before: a connection that breaks on QUIT loses nothing.
        }
        finally
        {
            _client.Dispose();
        }
    }

    /// <summary>The MIME message: text alone, or text and HTML as alternatives of each other, then the attachments.</summary>
    public static MimeMessage Build(OutgoingMail mail, MailboxAddress from)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(from);
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(new MailboxAddress(mail.ToName, mail.ToAddress));
        message.Subject = mail.Subject;
        if (mail.MessageKey is { } key)
        {
            message.MessageId = $"{key}@{from.Domain}";
        }

        var body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html };
        foreach (var attachment in mail.Attachments ?? [])
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }

        message.Body = body.ToMessageBody();
        return message;
    }
}

public static class MailExtensions
{
    /// <summary>
    /// Registers the <see cref="MailSender"/> over the SMTP settings found in <typeparamref name="TSettings"/>, and refuses
    /// to start with settings that would send in clear over a network (<see cref="SmtpSettings.IsAllowed"/>).
    /// </summary>
    public static void AddMailSender<TSettings>(
        this IServiceCollection services, OptionsBuilder<TSettings> options, string section, Func<TSettings, SmtpSettings> smtp)
        where TSettings : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(smtp);
        options.Validate(settings => smtp(settings).IsAllowed,
                $"{section}: Security None sends in clear and is allowed only towards this machine (Host localhost or a loopback address); "
                + "From must be an e-mail address.")
            .ValidateOnStart();
        services.AddSingleton(provider => new MailSender(smtp(provider.GetRequiredService<IOptions<TSettings>>().Value)));
    }
}
