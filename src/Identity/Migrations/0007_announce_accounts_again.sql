-- Incidents now keeps the desk's people too, to assign tickets only to them: its queue for the accounts is new, so
-- every account is announced once more, as it is now (same version: a service that already has it changes nothing).
-- Deploy Incidents before Identity, so that its queue is bound when these are published (the AppHost starts Identity
-- after it). The payload is the event's wire form, as in 0003.
SELECT set_config('app.tenant_ids', coalesce((SELECT string_agg(id::text, ',') FROM organisations), ''), true);

INSERT INTO outbox_messages (event_id, tenant_id, event_type, payload, occurred_at)
SELECT a.event_id, a.tenant_id, 'identity.user-account-changed.v1',
       jsonb_build_object(
           'eventId', a.event_id, 'tenantId', a.tenant_id, 'occurredAt', a.occurred_at, 'userId', a.id,
           'organisationKind', a.organisation_kind, 'email', a.email, 'displayName', a.display_name, 'roles', to_jsonb(a.roles),
           'status', a.status, 'language', a.language, 'version', a.version),
       a.occurred_at
FROM (
    SELECT gen_random_uuid() AS event_id, now() AS occurred_at, u.*, o.kind AS organisation_kind
    FROM users u JOIN organisations o ON o.id = u.tenant_id
) a
ORDER BY a.created_at, a.id;
