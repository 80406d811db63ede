-- Platform objects every service database has: the tenant scope, the RLS pattern, the outbox and the inbox.

-- The tenants the current transaction may see, set by the unit of work with
-- set_config('app.tenant_ids', '<uuid>,<uuid>', true). Unset or empty means none.
CREATE FUNCTION app_tenant_ids() RETURNS uuid[]
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[], '{}'::uuid[])
$$;

-- The row-level security pattern of every tenant table: call it right after CREATE TABLE.
-- FORCE makes the policy apply to the table owner too; the application role never owns tables anyway.
CREATE FUNCTION enable_tenant_rls(tbl regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
    EXECUTE format(
        'CREATE POLICY tenant_isolation ON %s USING (tenant_id = ANY (app_tenant_ids())) WITH CHECK (tenant_id = ANY (app_tenant_ids()))',
        tbl);
END
$$;

-- Transactional outbox: written in the same transaction as the state change, published by the dispatcher.
-- Not tenant-scoped: the dispatcher publishes every tenant's events; the API never reads this table.
CREATE TABLE outbox_messages (
    sequence     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    tenant_id    uuid        NOT NULL,
    event_type   text        NOT NULL,
    payload      jsonb       NOT NULL,
    trace_parent text,
    trace_state  text,
    occurred_at  timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text,
    sent_at      timestamptz,
    -- Set when the row can never be published (its type is unknown to this build): kept for an operator.
    dead_at      timestamptz
);
CREATE INDEX outbox_messages_pending ON outbox_messages (sequence) WHERE sent_at IS NULL AND dead_at IS NULL;
CREATE INDEX outbox_messages_sent_at ON outbox_messages (sent_at) WHERE sent_at IS NOT NULL;

-- Inbox: one row per (message, consumer) handled, written in the consumer's own transaction.
CREATE TABLE inbox_messages (
    message_id  uuid        NOT NULL,
    consumer    text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, consumer)
);
CREATE INDEX inbox_messages_received_at ON inbox_messages (received_at);
