using System.Text.Json;
using Infogerance.Data;
using Infogerance.Notifications.Domain;

namespace Infogerance.Notifications.Data;

/// <summary>An e-mail due, as a worker takes it: one notification sent at once, or a recipient's digest.</summary>
public sealed record DueEmail(Guid DeliveryId, Guid TenantId, Guid RecipientId, Guid? NotificationId, DateTimeOffset? DigestAt, int Attempts);

/// <summary>A notification delivered to one recipient, and the digest it joined if they chose the digest.</summary>
public sealed record DeliveredNotification(Guid TenantId, Guid RecipientId, Guid NotificationId, DateTimeOffset? DigestAt);

/// <summary>Each person's e-mail preferences, and the e-mails to send (<c>email_deliveries</c>): planned, taken, sent.</summary>
public static class EmailStore
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Skipped = "skipped";

    /// <summary>The topics the person chose a delivery for (the others have their default).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ChosenAsync(UnitOfWork unitOfWork, Guid organisationId, Guid personId)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        var rows = await unitOfWork.QueryAsync<(string Topic, string Delivery)>(
            "SELECT topic, delivery FROM notification_preferences WHERE tenant_id = @organisationId AND person_id = @personId",
            new { organisationId, personId });
        return rows.ToDictionary(row => row.Topic, row => row.Delivery);
    }

    /// <summary>Who of <paramref name="people"/> chose a delivery for <paramref name="topic"/>, and which.</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> ChosenForAsync(UnitOfWork unitOfWork, IReadOnlyList<Person> people, string topic)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(people);
        var rows = await unitOfWork.QueryAsync<(Guid PersonId, string Delivery)>(
            """
            SELECT p.person_id, p.delivery
            FROM notification_preferences p
            JOIN unnest(@tenants::uuid[], @people::uuid[]) AS r (tenant_id, person_id) ON r.tenant_id = p.tenant_id AND r.person_id = p.person_id
            WHERE p.topic = @topic
            """,
            new { tenants = people.Select(person => person.OrganisationId).ToArray(), people = people.Select(person => person.Id).ToArray(), topic });
        return rows.ToDictionary(row => row.PersonId, row => row.Delivery);
    }

    /// <summary>Records the person's choice for each topic named.</summary>
    public static Task SaveAsync(UnitOfWork unitOfWork, Guid organisationId, Guid personId, IReadOnlyDictionary<string, string> delivery, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(delivery);
        return unitOfWork.ExecuteAsync(
            """
            INSERT INTO notification_preferences (tenant_id, person_id, topic, delivery, updated_at)
            SELECT @organisationId, @personId, c.topic, c.delivery, @now
            FROM unnest(@topics::text[], @deliveries::text[]) AS c (topic, delivery)
            ON CONFLICT (tenant_id, person_id, topic) DO UPDATE SET delivery = excluded.delivery, updated_at = excluded.updated_at
            """,
            new { organisationId, personId, topics = delivery.Keys.ToArray(), deliveries = delivery.Values.ToArray(), now = now.UtcDateTime });
    }

    /// <summary>One e-mail per notification, due at once; a notification that already has one gets no second.</summary>
    public static Task PlanImmediateAsync(UnitOfWork unitOfWork, IReadOnlyList<DeliveredNotification> notifications, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(notifications);
        return unitOfWork.ExecuteAsync(
            """
            INSERT INTO email_deliveries (delivery_id, tenant_id, recipient_id, notification_id, due_at, created_at)
            SELECT r.delivery_id, r.tenant_id, r.recipient_id, r.notification_id, @now, @now
            FROM unnest(@ids::uuid[], @tenants::uuid[], @recipients::uuid[], @notifications::uuid[]) AS r (delivery_id, tenant_id, recipient_id, notification_id)
            ON CONFLICT DO NOTHING
            """,
            new
            {
                ids = notifications.Select(_ => Guid.CreateVersion7(now)).ToArray(),
                tenants = notifications.Select(n => n.TenantId).ToArray(),
                recipients = notifications.Select(n => n.RecipientId).ToArray(),
                notifications = notifications.Select(n => n.NotificationId).ToArray(),
                now = now.UtcDateTime,
            });
    }

    /// <summary>The digest of each recipient at <paramref name="digestAt"/>, due at <paramref name="dueAt"/>: one per recipient and digest.</summary>
    public static Task PlanDigestsAsync(
        UnitOfWork unitOfWork, IReadOnlyList<(Guid TenantId, Guid RecipientId)> recipients, DateTimeOffset digestAt, DateTimeOffset dueAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(recipients);
        return unitOfWork.ExecuteAsync(
            """
            INSERT INTO email_deliveries (delivery_id, tenant_id, recipient_id, digest_at, due_at, created_at)
            SELECT r.delivery_id, r.tenant_id, r.recipient_id, @digestAt, @dueAt, @now
            FROM unnest(@ids::uuid[], @tenants::uuid[], @recipients::uuid[]) AS r (delivery_id, tenant_id, recipient_id)
            ON CONFLICT DO NOTHING
            """,
            new
            {
                ids = recipients.Select(_ => Guid.CreateVersion7(now)).ToArray(),
                tenants = recipients.Select(r => r.TenantId).ToArray(),
                recipients = recipients.Select(r => r.RecipientId).ToArray(),
                digestAt = digestAt.UtcDateTime, dueAt = dueAt.UtcDateTime, now = now.UtcDateTime,
            });
    }

    /// <summary>
    /// The e-mail due longest ago that no other worker holds, locked until the caller's transaction ends; null when none
    /// is due. Read across tenants: the row names its tenant, which the caller then scopes to.
    /// </summary>
    public static Task<DueEmail?> TakeNextAsync(UnitOfWork unitOfWork, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        return unitOfWork.QuerySingleOrDefaultAsync<DueEmail>(
            $"""
            SELECT delivery_id, tenant_id, recipient_id, notification_id, digest_at, attempts
            FROM email_deliveries
            WHERE status = '{Pending}' AND due_at <= @now
            ORDER BY due_at
            LIMIT 1
            FOR UPDATE SKIP LOCKED
            """,
            new { now = now.UtcDateTime });
    }

    /// <summary>What the e-mail tells: its notification, or every notification of the recipient's digest, oldest first.</summary>
    public static async Task<IReadOnlyList<EmailNotice>> NoticesOfAsync(UnitOfWork unitOfWork, DueEmail email)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(email);
        const string Columns =
            "notification_id, kind, contract_id, contract_reference, subject_type, subject_id, subject_label, data::text AS data, created_at";
        var rows = email.NotificationId is { } notificationId
            ? await unitOfWork.QueryAsync<NoticeRow>(
                $"SELECT {Columns} FROM notifications WHERE tenant_id = @TenantId AND recipient_id = @RecipientId AND notification_id = @notificationId",
                new { email.TenantId, email.RecipientId, notificationId })
            : await unitOfWork.QueryAsync<NoticeRow>(
                $"""
                SELECT {Columns} FROM notifications
                WHERE tenant_id = @TenantId AND recipient_id = @RecipientId AND digest_at = @digestAt
                ORDER BY created_at, notification_id
                """,
                new { email.TenantId, email.RecipientId, digestAt = email.DigestAt!.Value.UtcDateTime });
        return [.. rows.Select(row => new EmailNotice(row.NotificationId, row.Kind, row.ContractId, row.ContractReference,
            new Subject(row.SubjectType, row.SubjectId, row.SubjectLabel), JsonDocument.Parse(row.Data).RootElement.Clone(), row.CreatedAt))];
    }

    public static Task MarkSentAsync(UnitOfWork unitOfWork, DueEmail email, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(email);
        return unitOfWork.ExecuteAsync(
            $"UPDATE email_deliveries SET status = '{Sent}', attempts = attempts + 1, sent_at = @now, last_error = NULL WHERE delivery_id = @DeliveryId",
            new { email.DeliveryId, now = now.UtcDateTime });
    }

    /// <summary>A failed attempt: tried again at <paramref name="retryAt"/>, or given up (<see cref="Failed"/>).</summary>
    public static Task RecordFailureAsync(UnitOfWork unitOfWork, DueEmail email, bool givenUp, DateTimeOffset retryAt, string error)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(email);
        return unitOfWork.ExecuteAsync(
            "UPDATE email_deliveries SET status = @status, attempts = attempts + 1, due_at = @retryAt, last_error = @error WHERE delivery_id = @DeliveryId",
            new { email.DeliveryId, status = givenUp ? Failed : Pending, retryAt = retryAt.UtcDateTime, error = error.Length > 1000 ? error[..1000] : error });
    }

    /// <summary>Nothing to send any more (the recipient left, the notifications are gone): set aside with the reason.</summary>
    public static Task SkipAsync(UnitOfWork unitOfWork, DueEmail email, string reason)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(email);
        return unitOfWork.ExecuteAsync(
            $"UPDATE email_deliveries SET status = '{Skipped}', last_error = @reason WHERE delivery_id = @DeliveryId",
            new { email.DeliveryId, reason });
    }

    private sealed record NoticeRow(
        Guid NotificationId, string Kind, Guid ContractId, string ContractReference, string SubjectType, Guid? SubjectId, string SubjectLabel,
        string Data, DateTimeOffset CreatedAt);
}
