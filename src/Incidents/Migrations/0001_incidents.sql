-- The Incidents service: tickets under SLA on contracts, their comments, attachments, history and clocks, service
-- outages and takeover imports. Every table but the timer schedule belongs to one contract and uses the contract
-- pattern of row-level security, so a provider's desk sees exactly the tickets of the contracts naming it.

-- The contracts, their terms and inventories are the shared contract replica's tables (its own migration, run
-- before this one).

CREATE TABLE tickets (
    tenant_id         uuid        NOT NULL,
    contract_id       uuid        NOT NULL,
    ticket_id         uuid        NOT NULL,
    number            bigint      GENERATED ALWAYS AS IDENTITY,
    kind              text        NOT NULL CHECK (kind IN ('incident', 'request')),
    title             text        NOT NULL,
    description       text        NOT NULL,
    impact            text        NOT NULL CHECK (impact IN ('high', 'medium', 'low')),
    urgency           text        NOT NULL CHECK (urgency IN ('high', 'medium', 'low')),
    priority          text        NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
    -- Set when the priority differs from the impact × urgency matrix: why.
    priority_reason   text,
    level             smallint    NOT NULL CHECK (level IN (1, 2)),
    status            text        NOT NULL CHECK (status IN ('new', 'assigned', 'inProgress', 'pendingClient', 'resolved', 'closed')),
    pending_side      text        CHECK (pending_side IN ('client', 'thirdParty')),
    pending_reason    text,
    requester_id      uuid,
    requester_name    text        NOT NULL,
    requester_side    text        NOT NULL CHECK (requester_side IN ('client', 'provider')),
    assignee_id       uuid,
    assignee_name     text,
    team              text,
    inventory_item_id uuid,
    -- The contract version in force when the ticket was opened: its SLA policy and calendar govern the clocks.
    contract_version  integer     NOT NULL,
    source            text        NOT NULL DEFAULT 'portal' CHECK (source IN ('portal', 'import')),
    external_reference text,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    responded_at      timestamptz,
    resolved_at       timestamptz,
    resolution        text,
    closed_at         timestamptz,
    reopen_count      integer     NOT NULL DEFAULT 0,
    -- The earliest due time among the clocks still running and counting: the queue's SLA urgency (null when none).
    sla_due_at        timestamptz,
    -- The queue's sort key: sla_due_at, or the far future when no clock counts (waiting on the client, stopped).
    queue_rank        timestamptz NOT NULL,
    breached          boolean     NOT NULL DEFAULT false,
    satisfaction_score   smallint CHECK (satisfaction_score BETWEEN 1 AND 5),
    satisfaction_comment text,
    rated_at          timestamptz,
    PRIMARY KEY (tenant_id, ticket_id),
    UNIQUE (ticket_id),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts (tenant_id, contract_id)
);
-- The provider's queue (open tickets by SLA urgency, then age) and the client's list (newest first).
CREATE INDEX tickets_queue ON tickets (contract_id, queue_rank, ticket_id) WHERE status NOT IN ('resolved', 'closed');
CREATE INDEX tickets_urgency ON tickets (queue_rank, ticket_id) WHERE status NOT IN ('resolved', 'closed');
CREATE INDEX tickets_tenant_urgency ON tickets (tenant_id, queue_rank, ticket_id) WHERE status NOT IN ('resolved', 'closed');
CREATE INDEX tickets_newest ON tickets (tenant_id, ticket_id DESC);
CREATE INDEX tickets_contract_newest ON tickets (contract_id, ticket_id DESC);
CREATE UNIQUE INDEX tickets_external ON tickets (tenant_id, contract_id, external_reference) WHERE external_reference IS NOT NULL;
SELECT enable_contract_rls('tickets');

-- Periods during which the resolution clock does not count: waiting on the client's side, or resolved before a reopen.
CREATE TABLE ticket_pauses (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    ticket_id   uuid        NOT NULL,
    paused_from timestamptz NOT NULL,
    paused_to   timestamptz,
    kind        text        NOT NULL CHECK (kind IN ('pendingClient', 'resolved')),
    PRIMARY KEY (tenant_id, ticket_id, paused_from),
    FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, ticket_id),
    CHECK (paused_to IS NULL OR paused_to >= paused_from)
);
SELECT enable_contract_rls('ticket_pauses');

-- Every change of a ticket's fields, one row per field, with who (and which side) and when.
CREATE TABLE ticket_history (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    ticket_id   uuid        NOT NULL,
    entry_id    uuid        NOT NULL,
    occurred_at timestamptz NOT NULL,
    actor_id    uuid,
    actor_name  text        NOT NULL,
    actor_side  text        NOT NULL CHECK (actor_side IN ('client', 'provider', 'system')),
    field       text        NOT NULL,
    before      text,
    after       text,
    note        text,
    -- Internal notes and internal comments are the desk's own: never shown to the client.
    internal    boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, ticket_id, entry_id),
    FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, ticket_id)
);
SELECT enable_contract_rls('ticket_history');

CREATE TABLE ticket_comments (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    ticket_id   uuid        NOT NULL,
    comment_id  uuid        NOT NULL,
    author_id   uuid,
    author_name text        NOT NULL,
    author_side text        NOT NULL CHECK (author_side IN ('client', 'provider')),
    visibility  text        NOT NULL CHECK (visibility IN ('public', 'internal')),
    body        text        NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, ticket_id, comment_id),
    FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, ticket_id)
);
SELECT enable_contract_rls('ticket_comments');

CREATE TABLE ticket_attachments (
    tenant_id     uuid        NOT NULL,
    contract_id   uuid        NOT NULL,
    ticket_id     uuid        NOT NULL,
    attachment_id uuid        NOT NULL,
    file_name     text        NOT NULL,
    content_type  text        NOT NULL,
    size          bigint      NOT NULL,
    sha256        text        NOT NULL,
    content       bytea       NOT NULL,
    visibility    text        NOT NULL CHECK (visibility IN ('public', 'internal')),
    uploaded_by   text        NOT NULL,
    uploaded_side text        NOT NULL CHECK (uploaded_side IN ('client', 'provider')),
    uploaded_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, ticket_id, attachment_id),
    FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, ticket_id)
);
SELECT enable_contract_rls('ticket_attachments');

-- The state of each SLA clock (respond, resolve) beyond what the ticket's facts give: the target read from the
-- contract version, the warnings and breach already raised, and the completions.
CREATE TABLE sla_clocks (
    tenant_id       uuid        NOT NULL,
    contract_id     uuid        NOT NULL,
    ticket_id       uuid        NOT NULL,
    clock           text        NOT NULL CHECK (clock IN ('respond', 'resolve')),
    due_at          timestamptz NOT NULL,
    target_seconds  bigint      NOT NULL,
    warnings_raised integer[]   NOT NULL DEFAULT '{}',
    breached_at     timestamptz,
    completed_at    timestamptz,
    met             boolean,
    used_seconds    bigint,
    completions     integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, ticket_id, clock),
    FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, ticket_id)
);
SELECT enable_contract_rls('sla_clocks');

-- When each ticket next needs the scheduler: an SLA warning or breach falls due, or a resolved ticket's quiet period
-- ends. Ids and an instant only, no business data: the scheduler reads it across tenants to find the work, then does
-- the work inside the tickets' tenants. One row per ticket: the earliest of its timers.
CREATE TABLE ticket_timers (
    ticket_id uuid        PRIMARY KEY,
    tenant_id uuid        NOT NULL,
    due_at    timestamptz NOT NULL
);
CREATE INDEX ticket_timers_due ON ticket_timers (due_at);

-- Service outages recorded on major incidents: monthly availability per service is computed from them.
CREATE TABLE outages (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    outage_id   uuid        NOT NULL,
    ticket_id   uuid,
    service     text        NOT NULL,
    started_at  timestamptz NOT NULL,
    ended_at    timestamptz,
    revision    integer     NOT NULL DEFAULT 1,
    recorded_by text        NOT NULL,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, outage_id),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts (tenant_id, contract_id),
    CHECK (ended_at IS NULL OR ended_at > started_at)
);
CREATE INDEX outages_contract ON outages (tenant_id, contract_id, started_at);
SELECT enable_contract_rls('outages');

-- The audit log's table comes with the platform migrations; its entries are isolated here.
SELECT enable_contract_rls('audit_log');
