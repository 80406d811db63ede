-- The audit log (Infogerance.Data.AuditLog): one shape in every service database. Each service chooses the
-- row-level security of its entries in its own migrations, enable_tenant_rls('audit_log') when they concern
-- whole tenants or enable_contract_rls('audit_log') when they concern contracts; until it has chosen, the table
-- is closed (security on, no policy: the application role reads and writes no row).
-- A database created before this script already has the table from its service's first migration: IF NOT
-- EXISTS leaves it as it is, and the index below gives every one of them the same indexes.
CREATE TABLE IF NOT EXISTS audit_log (
    tenant_id     uuid        NOT NULL,
    id            uuid        NOT NULL,
    contract_id   uuid,
    occurred_at   timestamptz NOT NULL,
    actor_id      uuid,
    actor_name    text        NOT NULL,
    action        text        NOT NULL,
    entity_type   text        NOT NULL,
    entity_id     uuid        NOT NULL,
    before        jsonb,
    after         jsonb,
    PRIMARY KEY (tenant_id, id)
);
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS contract_id uuid;
CREATE INDEX IF NOT EXISTS audit_log_contract ON audit_log (tenant_id, contract_id, id DESC);
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
