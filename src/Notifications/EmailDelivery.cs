using System.Diagnostics.Metrics;
using Infogerance.Data;
using Infogerance.Mail;
using Infogerance.Notifications.Data;
using Infogerance.Notifications.Domain;
using Microsoft.Extensions.Options;

namespace Infogerance.Notifications;

/// <summary>
/// Sends the e-mails due (<c>email_deliveries</c>): each worker takes the one due longest ago with SKIP LOCKED, so
/// replicas and workers share them without sending one twice at once; writes it in its recipient's language; sends it
/// over the worker's SMTP connection; and marks it sent in the same transaction that held it. A failure is recorded on
/// its row and tried again later, with a wait doubling each time up to a ceiling, and given up after
/// <see cref="EmailSettings.MaxAttempts"/>: it never holds back the e-mails behind it.
/// <para>
/// The sent mark is committed after the send: a crash between the two sends that one e-mail again after the restart,
/// at most once per worker, under the same Message-Id (made from the row's id) so that the receiving side can tell the
/// repeat. An e-mail marked sent is never sent again.
/// </para>
/// </summary>
public sealed partial class EmailDelivery(
    Database database, MailSender mail, TimeProvider clock, IOptions<NotificationsSettings> settings, EmailSignal signal, ScorecardPdfs scorecards,
    ILogger<EmailDelivery> logger)
    : BackgroundService
{
    private static readonly Meter Meter = new("Infogerance.Notifications.Email");
    private static readonly Counter<long> Sent = Meter.CreateCounter<long>("email.sent", description: "E-mails sent, notifications and digests");
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("email.failures", description: "Failed attempts to send an e-mail");

    private readonly EmailSettings _email = settings.Value.Email;
    private readonly EmailComposer _composer = new(settings.Value.PublicOrigin ?? "", settings.Value.Email.Zone);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        mail.IsConfigured ? Task.WhenAll(Enumerable.Range(0, _email.Workers).Select(_ => WorkAsync(stoppingToken))) : Task.CompletedTask;

    /// <summary>Sends every e-mail due that no other worker holds, one after the other; returns how many it handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var smtp = new SmtpSession(mail);
        var handled = 0;
        while (await SendNextAsync(smtp, cancellationToken))
        {
            handled++;
        }

        return handled;
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                await signal.WaitAsync(_email.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogPassFailed(exception);
                await Task.Delay(_email.PollInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Takes, sends and marks one e-mail; false when none is due that this worker can take.</summary>
    private async Task<bool> SendNextAsync(SmtpSession smtp, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var unitOfWork = await database.BeginAsync([], cancellationToken);
        if (await EmailStore.TakeNextAsync(unitOfWork, now) is not { } email)
        {
            return false;
        }

        // There may be more: another worker of this process joins in.
        signal.Notify();
        await unitOfWork.ScopeToTenantsAsync([email.TenantId]);
        var addressee = await PeopleStore.AddresseeAsync(unitOfWork, email.TenantId, email.RecipientId);
        var notices = await EmailStore.NoticesOfAsync(unitOfWork, email);
        if (addressee is null || notices.Count == 0)
        {
            await EmailStore.SkipAsync(unitOfWork, email, addressee is null ? "The recipient's account is not active." : "Its notifications are gone.");
        }
        else
        {
            try
            {
                var content = email.DigestAt is null ? _composer.Compose(addressee, notices[0]) : _composer.ComposeDigest(addressee, notices);
                var key = $"{(email.DigestAt is null ? "notification" : "digest")}.{email.DeliveryId}";
                // A monthly scorecard e-mailed on its own carries its PDF; in a digest it is a line with its link.
                IReadOnlyList<MailAttachment> attachments = email.DigestAt is null && notices[0] is { Kind: NotificationKinds.MonthlyScorecard } scorecard
                    ? [await scorecards.FetchAsync(scorecard.ContractId, scorecard.Subject.Label, addressee, cancellationToken)]
                    : [];
                await smtp.SendAsync(
                    new OutgoingMail(addressee.Email, addressee.DisplayName, content.Subject, content.Text, content.Html, key, attachments), cancellationToken);
                await EmailStore.MarkSentAsync(unitOfWork, email, clock.GetUtcNow());
                Sent.Add(1);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                var attempts = email.Attempts + 1;
                var givenUp = attempts >= _email.MaxAttempts;
                var retryAt = now + EmailRetry.DelayAfter(attempts, _email.FirstRetryDelay, _email.LongestRetryDelay);
                await EmailStore.RecordFailureAsync(unitOfWork, email, givenUp, retryAt, $"{exception.GetType().Name}: {exception.Message}");
                Failures.Add(1);
                if (givenUp)
                {
                    LogGivenUp(exception, email.DeliveryId, attempts);
                }
                else
                {
                    LogRetrying(exception, email.DeliveryId, attempts, retryAt);
                }
            }
        }

        await unitOfWork.CommitAsync();
        return true;
    }

    /// <summary>One SMTP connection kept open across the e-mails of a pass; dropped after a failure, opened again for the next.</summary>
    private sealed class SmtpSession(MailSender mail) : IAsyncDisposable
    {
        private MailConnection? _connection;

        public async Task SendAsync(OutgoingMail message, CancellationToken cancellationToken)
        {
            if (_connection is { IsConnected: false })
            {
                await DropAsync();
            }

            try
            {
                _connection ??= await mail.ConnectAsync(cancellationToken);
                await _connection.SendAsync(message, cancellationToken);
            }
            catch
            {
                await DropAsync();
                throw;
            }
        }

        public ValueTask DisposeAsync() => DropAsync();

        private async ValueTask DropAsync()
        {
            if (_connection is not null)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The e-mail pass failed; retrying at the next pass")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {DeliveryId} not sent (attempt {Attempts}); trying again at {RetryAt}")]
    private partial void LogRetrying(Exception exception, Guid deliveryId, int attempts, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "E-mail {DeliveryId} given up after {Attempts} attempts")]
    private partial void LogGivenUp(Exception exception, Guid deliveryId, int attempts);
}
