-- Each notice as an event made it, kept once addressed: a person whose account reaches this service after an event
-- (the two travel on different queues) is told of it when their account arrives, if they held their role by then.
-- One row per event, under the contract's client tenant; the audience is the one the rules chose (roles by side, the
-- people named, the actor left out).
CREATE TABLE notices (
    tenant_id       uuid        NOT NULL,
    source_event_id uuid        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    kind            text        NOT NULL,
    contract_id     uuid        NOT NULL,
    subject_type    text        NOT NULL,
    subject_id      uuid,
    subject_label   text        NOT NULL,
    data            jsonb       NOT NULL,
    audience        jsonb       NOT NULL,
    PRIMARY KEY (tenant_id, source_event_id)
);
CREATE INDEX notices_by_contract ON notices (tenant_id, contract_id, occurred_at);
SELECT enable_tenant_rls('notices');
