-- The language each person reads the product in (French, the interface's default, until they choose), and a
-- version that grows with every change of their account: Identity publishes the whole account on each change
-- (identity.user-account-changed.v1), and a consumer keeps the one with the highest version.
ALTER TABLE users
    ADD COLUMN language text   NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en')),
    ADD COLUMN version  bigint NOT NULL DEFAULT 1;

-- The accounts created before Identity published them are published once, here: the migrator applies a script
-- once, under its lock, whatever the number of replicas starting, and in the same transaction as the columns
-- above, so that no account is announced twice nor missed. The payload is the event's wire form (camelCase, as
-- the outbox's serializer writes it), which stays valid as long as the event's versioned name does.
-- The owner is bound by row-level security like the application: the scope is every organisation.
SELECT set_config('app.tenant_ids', coalesce((SELECT string_agg(id::text, ',') FROM organisations), ''), true);

WITH accounts AS (
    SELECT gen_random_uuid() AS event_id, now() AS occurred_at, u.*, o.kind AS organisation_kind
    FROM users u JOIN organisations o ON o.id = u.tenant_id
)
INSERT INTO outbox_messages (event_id, tenant_id, event_type, payload, occurred_at)
SELECT event_id, tenant_id, 'identity.user-account-changed.v1',
       jsonb_build_object(
           'eventId', event_id, 'tenantId', tenant_id, 'occurredAt', occurred_at,
           'userId', id, 'organisationKind', organisation_kind, 'email', email, 'displayName', display_name,
           'roles', to_jsonb(roles), 'status', status, 'language', language, 'version', version),
       occurred_at
FROM accounts
ORDER BY created_at, id;
