using Infogerance.Data;
using Infogerance.Mail;
using Infogerance.Notifications.Data;
using Infogerance.Notifications.Domain;
using Microsoft.Extensions.Options;

namespace Infogerance.Notifications;

/// <summary>Wakes this process's e-mail workers when an e-mail to send at once has been committed.</summary>
public sealed class EmailSignal : Signal;

/// <summary>
/// Decides, as a notification is delivered, how it reaches each recipient by e-mail (their preference for its topic,
/// or the topic's default), and writes the e-mails to send in that same transaction: a notification delivered is
/// e-mailed, and one rolled back is not. Nothing is e-mailed while no SMTP host is configured.
/// </summary>
public sealed class EmailPlanner(MailSender mail, TimeProvider clock, IOptions<NotificationsSettings> settings, EmailSignal signal)
{
    /// <summary>
    /// A digest goes out this long after its hour: a notification delivered at the stroke of the hour, whose transaction
    /// chose that digest but had not committed when the hour struck, is still in it.
    /// </summary>
    public static readonly TimeSpan DigestGrace = TimeSpan.FromMinutes(1);

    private readonly EmailSettings _email = settings.Value.Email;

    /// <summary>The delivery each recipient gets for a notification of <paramref name="kind"/>.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> DeliveriesAsync(UnitOfWork unitOfWork, IReadOnlyList<Person> recipients, string kind)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        if (!mail.IsConfigured || Topics.Of(kind) is not { } topic)
        {
            return recipients.ToDictionary(person => person.Id, _ => Deliveries.App);
        }

        var chosen = await EmailStore.ChosenForAsync(unitOfWork, recipients, topic.Name);
        return recipients.ToDictionary(person => person.Id, person => chosen.GetValueOrDefault(person.Id) ?? topic.Default);
    }

    /// <summary>The digest a notification delivered now joins.</summary>
    public DateTimeOffset NextDigest() => DigestSchedule.NextAfter(clock.GetUtcNow(), _email.DigestHour, _email.Zone);

    /// <summary>The e-mails of the notifications just delivered: at once, or their recipient's digest.</summary>
    public async Task PlanAsync(UnitOfWork unitOfWork, IReadOnlyList<DeliveredNotification> delivered, IReadOnlyDictionary<Guid, string> deliveries)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(delivered);
        ArgumentNullException.ThrowIfNull(deliveries);
        var now = clock.GetUtcNow();
        var immediate = delivered.Where(n => deliveries.GetValueOrDefault(n.RecipientId) == Deliveries.Immediate).ToList();
        if (immediate.Count > 0)
        {
            await EmailStore.PlanImmediateAsync(unitOfWork, immediate, now);
            unitOfWork.AfterCommit(signal.Notify);
        }

        foreach (var digest in delivered.Where(n => n.DigestAt is not null).GroupBy(n => n.DigestAt!.Value))
        {
            await EmailStore.PlanDigestsAsync(unitOfWork, [.. digest.Select(n => (n.TenantId, n.RecipientId)).Distinct()], digest.Key, digest.Key + DigestGrace, now);
        }
    }
}
