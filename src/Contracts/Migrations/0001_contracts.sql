-- The Contracts service: contracts between a client tenant and a provider, their versioned terms, phases with
-- checklists, evolution requests, renewal decisions and notifications. Every table but the Syntec reference
-- and the alert schedule belongs to one contract and uses the contract pattern of row-level security, so a
-- provider's users see exactly the contracts naming their organisation.

CREATE TABLE contracts (
    tenant_id                uuid        NOT NULL,
    contract_id              uuid        NOT NULL,
    reference                text        NOT NULL,
    title                    text        NOT NULL,
    provider_organisation_id uuid        NOT NULL,
    phase                    text        NOT NULL CHECK (phase IN ('draft', 'signed', 'takeover', 'upgrade', 'run', 'reversibility', 'closed')),
    handover                 text        CHECK (handover IN ('client', 'newProvider')),
    created_at               timestamptz NOT NULL,
    created_by               text        NOT NULL,
    signed_at                timestamptz,
    signed_by                text,
    terminates_on            date,
    closed_on                date,
    -- Increases with every change of phase: orders the parties events that other services replicate.
    row_version              bigint      NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, contract_id),
    UNIQUE (contract_id)
);
CREATE UNIQUE INDEX contracts_reference ON contracts (tenant_id, lower(reference));
SELECT enable_contract_rls('contracts');

CREATE TABLE contract_versions (
    tenant_id            uuid        NOT NULL,
    contract_id          uuid        NOT NULL,
    number               integer     NOT NULL,
    status               text        NOT NULL CHECK (status IN ('draft', 'proposed', 'active', 'withdrawn')),
    origin               text        NOT NULL CHECK (origin IN ('signature', 'amendment', 'revision')),
    terms                jsonb       NOT NULL,
    effective_from       date,
    reason               text,
    evolution_request_id uuid,
    proposed_by          text,
    proposed_side        text        CHECK (proposed_side IN ('client', 'provider')),
    proposed_at          timestamptz,
    countersigned_by     text,
    countersigned_at     timestamptz,
    created_at           timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, number),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts
);
-- At most one amendment under way per contract.
CREATE UNIQUE INDEX contract_versions_open ON contract_versions (tenant_id, contract_id) WHERE status IN ('draft', 'proposed');
SELECT enable_contract_rls('contract_versions');

CREATE TABLE requirement_items (
    tenant_id            uuid        NOT NULL,
    contract_id          uuid        NOT NULL,
    item_id              uuid        NOT NULL,
    category             text        NOT NULL,
    expected_level       text        NOT NULL,
    acceptance_criterion text        NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, item_id),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts
);
SELECT enable_contract_rls('requirement_items');

CREATE TABLE inventory_items (
    tenant_id   uuid    NOT NULL,
    contract_id uuid    NOT NULL,
    item_id     uuid    NOT NULL,
    type        text    NOT NULL,
    name        text    NOT NULL,
    quantity    integer NOT NULL CHECK (quantity > 0),
    criticality text    NOT NULL,
    location    text,
    PRIMARY KEY (tenant_id, contract_id, item_id),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts
);
SELECT enable_contract_rls('inventory_items');

CREATE TABLE checklist_items (
    tenant_id            uuid        NOT NULL,
    contract_id          uuid        NOT NULL,
    item_id              uuid        NOT NULL,
    phase                text        NOT NULL CHECK (phase IN ('takeover', 'reversibility')),
    category             text        NOT NULL CHECK (category IN ('knowledgeTransfer', 'legal', 'physical', 'deliverable')),
    title                text        NOT NULL,
    client_accepted_by   text,
    client_accepted_at   timestamptz,
    provider_accepted_by text,
    provider_accepted_at timestamptz,
    PRIMARY KEY (tenant_id, contract_id, item_id),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts
);
SELECT enable_contract_rls('checklist_items');

-- Each side's acceptance that a phase is complete: the phase closes when both have accepted.
CREATE TABLE phase_closures (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    phase       text        NOT NULL,
    side        text        NOT NULL CHECK (side IN ('client', 'provider')),
    accepted_by text        NOT NULL,
    accepted_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, phase, side),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts
);
SELECT enable_contract_rls('phase_closures');

CREATE TABLE workstreams (
    tenant_id    uuid    NOT NULL,
    contract_id  uuid    NOT NULL,
    workstream_id uuid   NOT NULL,
    name         text    NOT NULL,
    progress     integer NOT NULL CHECK (progress BETWEEN 0 AND 100),
    PRIMARY KEY (tenant_id, contract_id, workstream_id),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts
);
SELECT enable_contract_rls('workstreams');

CREATE TABLE documents (
    tenant_id         uuid        NOT NULL,
    contract_id       uuid        NOT NULL,
    document_id       uuid        NOT NULL,
    checklist_item_id uuid        NOT NULL,
    file_name         text        NOT NULL,
    content_type      text        NOT NULL,
    size              bigint      NOT NULL,
    sha256            text        NOT NULL,
    content           bytea       NOT NULL,
    uploaded_by       text        NOT NULL,
    uploaded_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, document_id),
    FOREIGN KEY (tenant_id, contract_id, checklist_item_id) REFERENCES checklist_items
);
SELECT enable_contract_rls('documents');

CREATE TABLE evolution_requests (
    tenant_id          uuid          NOT NULL,
    contract_id        uuid          NOT NULL,
    evolution_id       uuid          NOT NULL,
    title              text          NOT NULL,
    specification      text          NOT NULL,
    state              text          NOT NULL CHECK (state IN ('specified', 'proposed', 'validated', 'rejected', 'inProgress', 'delivered', 'accepted')),
    solution           text,
    quote_amount       numeric(14,2),
    plan               text,
    rejection_reason   text,
    amendment_version  integer,
    created_by         text          NOT NULL,
    created_at         timestamptz   NOT NULL,
    updated_at         timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, evolution_id),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts
);
SELECT enable_contract_rls('evolution_requests');

-- One decision per renewal period.
CREATE TABLE renewal_decisions (
    tenant_id           uuid          NOT NULL,
    contract_id         uuid          NOT NULL,
    period_index        integer       NOT NULL,
    decision            text          NOT NULL CHECK (decision IN ('terminate', 'renew', 'renegotiate')),
    period_end          date          NOT NULL,
    revised_monthly_fee numeric(14,2),
    decided_by          text          NOT NULL,
    decided_at          timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, period_index),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts
);
SELECT enable_contract_rls('renewal_decisions');

-- The alerts raised before each notice deadline: the primary key makes raising one twice impossible.
CREATE TABLE notice_alerts (
    tenant_id       uuid        NOT NULL,
    contract_id     uuid        NOT NULL,
    period_index    integer     NOT NULL,
    days_before     integer     NOT NULL,
    notice_deadline date        NOT NULL,
    raised_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, period_index, days_before),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts
);
SELECT enable_contract_rls('notice_alerts');

-- In-app notifications of a contract, for its client side, its provider side or both.
CREATE TABLE notifications (
    tenant_id       uuid        NOT NULL,
    contract_id     uuid        NOT NULL,
    notification_id uuid        NOT NULL,
    audience        text        NOT NULL CHECK (audience IN ('client', 'provider', 'both')),
    kind            text        NOT NULL,
    data            jsonb       NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, notification_id),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts
);
CREATE INDEX notifications_recent ON notifications (tenant_id, created_at DESC);
SELECT enable_contract_rls('notifications');

CREATE TABLE notification_reads (
    tenant_id       uuid        NOT NULL,
    contract_id     uuid        NOT NULL,
    notification_id uuid        NOT NULL,
    user_id         uuid        NOT NULL,
    read_at         timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, notification_id, user_id),
    FOREIGN KEY (tenant_id, contract_id, notification_id) REFERENCES notifications
);
SELECT enable_contract_rls('notification_reads');

-- The audit log's table comes with the platform migrations; its entries are isolated here.
SELECT enable_contract_rls('audit_log');

-- When each signed contract next needs its notice alerts looked at. Ids and a date only, no business data:
-- the scheduler reads it across tenants to find the work, then does the work inside the contract's tenant.
CREATE TABLE notice_schedule (
    contract_id uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL,
    due_on      date NOT NULL
);
CREATE INDEX notice_schedule_due ON notice_schedule (due_on);

-- The Syntec index, maintained by the platform's Operators: reference data, the same for every tenant.
CREATE TABLE syntec_indices (
    month      text          NOT NULL CHECK (month ~ '^\d{4}-\d{2}$'),
    value      numeric(8,1)  NOT NULL CHECK (value > 0),
    -- August 2022 is published in both the old series and the revised one (linked by 0.97975).
    series     text          NOT NULL CHECK (series IN ('old', 'new')),
    updated_at timestamptz   NOT NULL,
    PRIMARY KEY (month, series)
);
