using System.Text.Json;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Messaging;
using Infogerance.Notifications.Domain;
using Infogerance.ServiceDefaults;

namespace Infogerance.Notifications.Data;

/// <summary>
/// Whose notifications a query reads: one person's, under their organisation, narrowed to one client tenant's contracts
/// when the caller chose one (<see cref="CurrentUser.SelectedTenantId"/>).
/// </summary>
public sealed record Reader(Guid OrganisationId, Guid PersonId, Guid? ClientTenantId)
{
    public static Reader Of(CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.OrganisationId, user.Id, user.SelectedTenantId);
    }
}

/// <summary>A stored notification; its data is JSON text.</summary>
public sealed record NotificationRow(
    Guid NotificationId, string Kind, Guid ContractId, string ContractReference, string SubjectType, Guid? SubjectId, string SubjectLabel,
    string Data, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <summary>The notifications of each recipient: delivered from events, read and marked read by their recipient.</summary>
public static class NotificationStore
{
    private const string Columns =
        "notification_id, kind, contract_id, contract_reference, subject_type, subject_id, subject_label, data::text AS data, created_at, read_at";

    // The reader's own rows: said here as well as by row-level security, so that a query never leans on the policy alone.
    private const string OfReader =
        "tenant_id = @OrganisationId AND recipient_id = @PersonId AND (@ClientTenantId::uuid IS NULL OR client_tenant_id = @ClientTenantId)";

    internal static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>
    /// Addresses <paramref name="notice"/> (made from <paramref name="source"/>) to the people it is for, one row each, and
    /// keeps it for those whose account arrives later (<see cref="NoticeStore"/>). The unit of work is widened from the
    /// event's tenant to the contract's provider, whose people are addressed too.
    /// </summary>
    /// <exception cref="InvalidOperationException">The contract's parties are not replicated yet: the event is retried.</exception>
    public static async Task DeliverAsync(UnitOfWork unitOfWork, IntegrationEvent source, Notice? notice, EmailPlanner emails)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(emails);
        if (notice is null)
        {
            return;
        }

        var parties = await PartiesAsync(unitOfWork, notice.ContractId)
            ?? throw new InvalidOperationException($"The parties of contract {notice.ContractId} are not replicated here yet.");
        if (parties.ClientTenantId != source.TenantId)
        {
            // An event naming another tenant's contract tells its people nothing.
            return;
        }

        await unitOfWork.ScopeToTenantsAsync([parties.ClientTenantId, parties.ProviderOrganisationId]);
        var kept = KeptNotice.Of(source, notice);
        await NoticeStore.KeepAsync(unitOfWork, kept, parties.ClientTenantId);
        await AddressAsync(unitOfWork, kept, parties,
            Recipients.Choose(notice.Audience, parties, await PeopleStore.OfAsync(unitOfWork, [parties.ClientTenantId, parties.ProviderOrganisationId])), emails);
    }

    /// <summary>
    /// Writes one row of <paramref name="notice"/> for each of <paramref name="recipients"/>, and plans the e-mails their
    /// preferences ask for (<see cref="EmailPlanner"/>); one already told of its event keeps the row they have (and whether
    /// they read it) and is not e-mailed again.
    /// </summary>
    internal static async Task AddressAsync(
        UnitOfWork unitOfWork, KeptNotice notice, ContractParties parties, IReadOnlyList<Person> recipients, EmailPlanner emails)
    {
        if (recipients.Count == 0)
        {
            return;
        }

        var deliveries = await emails.DeliveriesAsync(unitOfWork, recipients, notice.Kind);
        var reference = (await ContractReplica.ContractAsync(unitOfWork, notice.ContractId))?.Reference ?? "";
        var delivered = await unitOfWork.QueryAsync<DeliveredNotification>(
            """
            INSERT INTO notifications (tenant_id, recipient_id, notification_id, source_event_id, kind, client_tenant_id, contract_id, contract_reference,
                                       subject_type, subject_id, subject_label, data, created_at, digest_at)
            SELECT r.tenant_id, r.recipient_id, r.notification_id, @EventId, @Kind, @ClientTenantId, @ContractId, @reference,
                   @SubjectType, @SubjectId, @SubjectLabel, @data::jsonb, @createdAt, CASE WHEN r.in_digest THEN @digestAt END
            FROM unnest(@tenants::uuid[], @people::uuid[], @ids::uuid[], @inDigest::boolean[]) AS r (tenant_id, recipient_id, notification_id, in_digest)
            ON CONFLICT DO NOTHING
            RETURNING tenant_id, recipient_id, notification_id, digest_at
            """,
            new
            {
                EventId = notice.SourceEventId, notice.Kind, parties.ClientTenantId, notice.ContractId, reference,
                SubjectType = notice.Subject.Type, SubjectId = notice.Subject.Id, SubjectLabel = notice.Subject.Label,
                data = notice.Data, createdAt = notice.OccurredAt.UtcDateTime,
                tenants = recipients.Select(person => person.OrganisationId).ToArray(),
                people = recipients.Select(person => person.Id).ToArray(),
                // Ordered as the events happened, so that a page "newest first" by id reads in the order of the facts.
                ids = recipients.Select(_ => Guid.CreateVersion7(notice.OccurredAt)).ToArray(),
                inDigest = recipients.Select(person => deliveries[person.Id] == Deliveries.Digest).ToArray(),
                digestAt = emails.NextDigest().UtcDateTime,
            });
        await emails.PlanAsync(unitOfWork, [.. delivered], deliveries);
    }

    /// <summary>The reader's notifications newest first, older than <paramref name="before"/> when given.</summary>
    public static async Task<IReadOnlyList<NotificationRow>> ListAsync(
        UnitOfWork unitOfWork, Reader reader, bool unreadOnly, string? kind, Guid? before, int limit)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(reader);
        return [.. await unitOfWork.QueryAsync<NotificationRow>(
            $"""
            SELECT {Columns} FROM notifications
            WHERE {OfReader}
              AND (NOT @unreadOnly OR read_at IS NULL) AND (@kind::text IS NULL OR kind = @kind) AND (@before::uuid IS NULL OR notification_id < @before)
            ORDER BY notification_id DESC
            LIMIT @limit
            """,
            new { reader.OrganisationId, reader.PersonId, reader.ClientTenantId, unreadOnly, kind, before, limit })];
    }

    public static Task<int> UnreadCountAsync(UnitOfWork unitOfWork, Reader reader)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(reader);
        return unitOfWork.ExecuteScalarAsync<int>(
            $"SELECT count(*)::integer FROM notifications WHERE {OfReader} AND read_at IS NULL",
            new { reader.OrganisationId, reader.PersonId, reader.ClientTenantId });
    }

    /// <summary>One of the reader's notifications, locked for a change; null when it is not theirs.</summary>
    public static Task<NotificationRow?> FindAsync(UnitOfWork unitOfWork, Reader reader, Guid notificationId)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(reader);
        return unitOfWork.QuerySingleOrDefaultAsync<NotificationRow>(
            $"SELECT {Columns} FROM notifications WHERE {OfReader} AND notification_id = @notificationId FOR UPDATE",
            new { reader.OrganisationId, reader.PersonId, reader.ClientTenantId, notificationId });
    }

    /// <summary>Marks the notification read, keeping the first time it was.</summary>
    public static Task MarkReadAsync(UnitOfWork unitOfWork, Reader reader, Guid notificationId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(reader);
        return unitOfWork.ExecuteAsync(
            $"UPDATE notifications SET read_at = @now WHERE {OfReader} AND notification_id = @notificationId AND read_at IS NULL",
            new { reader.OrganisationId, reader.PersonId, reader.ClientTenantId, notificationId, now = now.UtcDateTime });
    }

    /// <summary>Marks every unread notification of the reader read; how many were.</summary>
    public static Task<int> MarkAllReadAsync(UnitOfWork unitOfWork, Reader reader, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(reader);
        return unitOfWork.ExecuteAsync(
            $"UPDATE notifications SET read_at = @now WHERE {OfReader} AND read_at IS NULL",
            new { reader.OrganisationId, reader.PersonId, reader.ClientTenantId, now = now.UtcDateTime });
    }

    /// <summary>The contract's parties as the replica has them; null before its first event arrived.</summary>
    private static Task<ContractParties?> PartiesAsync(UnitOfWork unitOfWork, Guid contractId) =>
        unitOfWork.QuerySingleOrDefaultAsync<ContractParties>(
            "SELECT tenant_id AS client_tenant_id, provider_organisation_id, is_open FROM contract_parties WHERE contract_id = @contractId",
            new { contractId });

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        Infogerance.ServiceDefaults.Extensions.ConfigureJson(options);
        return options;
    }
}
