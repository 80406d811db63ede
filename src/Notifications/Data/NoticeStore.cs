using System.Text.Json;
using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Notifications.Domain;

namespace Infogerance.Notifications.Data;

/// <summary>A notice as an event made it and as it is kept: what its recipients' rows are written from.</summary>
/// <param name="Data">The values of the reader's sentence, as JSON text.</param>
public sealed record KeptNotice(
    Guid SourceEventId, DateTimeOffset OccurredAt, string Kind, Guid ContractId, Subject Subject, string Data, Audience Audience)
{
    public static KeptNotice Of(IntegrationEvent source, Notice notice)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(notice);
        return new(source.EventId, source.OccurredAt, notice.Kind, notice.ContractId, notice.Subject,
            JsonSerializer.Serialize(notice.Data, NotificationStore.Json), notice.Audience);
    }
}

/// <summary>
/// The notices made from events, kept once addressed. A person's account and the events about their contracts travel
/// on different queues, so the account of someone who already held their role when something happened may reach this
/// service after the event did (the demo world's people and its first notice deadline alert, at start-up): when it
/// comes, they are told then of what they would have been told.
/// </summary>
public static class NoticeStore
{
    /// <summary>Keeps the notice under the contract's client tenant; the same event kept again adds nothing.</summary>
    public static Task KeepAsync(UnitOfWork unitOfWork, KeptNotice notice, Guid clientTenantId)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(notice);
        return unitOfWork.ExecuteAsync(
            """
            INSERT INTO notices (tenant_id, source_event_id, occurred_at, kind, contract_id, subject_type, subject_id, subject_label, data, audience)
            VALUES (@clientTenantId, @SourceEventId, @occurredAt, @Kind, @ContractId, @SubjectType, @SubjectId, @SubjectLabel, @Data::jsonb, @audience::jsonb)
            ON CONFLICT DO NOTHING
            """,
            new
            {
                clientTenantId, notice.SourceEventId, occurredAt = notice.OccurredAt.UtcDateTime, notice.Kind, notice.ContractId,
                SubjectType = notice.Subject.Type, SubjectId = notice.Subject.Id, SubjectLabel = notice.Subject.Label, notice.Data,
                audience = JsonSerializer.Serialize(notice.Audience, NotificationStore.Json),
            });
    }

    /// <summary>
    /// Tells the person of <paramref name="account"/> (now as it says) of the kept notices about their contracts that
    /// happened since the account became so and whose audience they are in; those already told keep what they have.
    /// Nothing for someone who is not active.
    /// </summary>
    public static async Task CatchUpAsync(UnitOfWork unitOfWork, UserAccountChanged account, EmailPlanner emails)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(account);
        var person = new Person(account.UserId, account.TenantId, account.OrganisationKind, account.Roles, account.Status);
        if (person.Status != Person.Active)
        {
            return;
        }

        var contracts = (await unitOfWork.QueryAsync<PartiesRow>(
                """
                SELECT contract_id, tenant_id AS client_tenant_id, provider_organisation_id, is_open FROM contract_parties
                WHERE tenant_id = @organisation OR provider_organisation_id = @organisation
                """,
                new { organisation = person.OrganisationId }))
            .Select(row => (row.ContractId, Parties: new ContractParties(row.ClientTenantId, row.ProviderOrganisationId, row.IsOpen)))
            .Where(contract => Recipients.SideOf(person, contract.Parties) is not null)
            .ToDictionary(contract => contract.ContractId, contract => contract.Parties);
        if (contracts.Count == 0)
        {
            return;
        }

        // The notices live under their clients' tenants, the person's rows under their own organisation.
        await unitOfWork.ScopeToTenantsAsync([person.OrganisationId, .. contracts.Values.Select(parties => parties.ClientTenantId)]);
        var kept = await unitOfWork.QueryAsync<NoticeRow>(
            """
            SELECT source_event_id, occurred_at, kind, contract_id, subject_type, subject_id, subject_label, data::text AS data, audience::text AS audience
            FROM notices
            WHERE contract_id = ANY(@contracts) AND occurred_at >= @since
            ORDER BY occurred_at
            """,
            new { contracts = contracts.Keys.ToArray(), since = account.OccurredAt.UtcDateTime });
        foreach (var row in kept)
        {
            var notice = row.ToNotice();
            var parties = contracts[notice.ContractId];
            await NotificationStore.AddressAsync(unitOfWork, notice, parties, Recipients.Choose(notice.Audience, parties, [person]), emails);
        }
    }

    private sealed record PartiesRow(Guid ContractId, Guid ClientTenantId, Guid ProviderOrganisationId, bool IsOpen);

    private sealed record NoticeRow(
        Guid SourceEventId, DateTimeOffset OccurredAt, string Kind, Guid ContractId, string SubjectType, Guid? SubjectId, string SubjectLabel,
        string Data, string Audience)
    {
        public KeptNotice ToNotice() => new(SourceEventId, OccurredAt, Kind, ContractId, new Subject(SubjectType, SubjectId, SubjectLabel), Data,
            JsonSerializer.Deserialize<Audience>(Audience, NotificationStore.Json) ?? new Audience());
    }
}
