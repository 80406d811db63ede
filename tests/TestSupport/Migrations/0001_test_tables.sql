-- Tenant tables shaped like the services' own, to exercise the platform patterns.
CREATE TABLE items (
    tenant_id uuid NOT NULL,
    id        uuid NOT NULL,
    name      text NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
SELECT enable_tenant_rls('items');

-- What a consumer did: one row per handled event, without a unique key so that a duplicate would show.
CREATE TABLE consumed_events (
    tenant_id   uuid        NOT NULL,
    event_id    uuid        NOT NULL,
    trace_id    text,
    consumed_at timestamptz NOT NULL DEFAULT now()
);
SELECT enable_tenant_rls('consumed_events');
