-- The Reporting service's read models, kept from the other services' events (never asked of them), and the journal of
-- those events they can be rebuilt from. Every table belongs to one contract and uses the contract pattern of row-level
-- security: a client's users see their company's rows, a provider's only those of the open contracts naming it. Each
-- row is the latest version of one fact, whatever order the events arrive in, so that replaying the journal gives the
-- same rows. Month queries walk (contract_id, instant) indexes: a month of a contract reads that month's rows only.

-- Every event the read models were fed, in the order it was received: the replay (POST /replay) rebuilds them from it.
CREATE TABLE event_journal (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    sequence    bigint      GENERATED ALWAYS AS IDENTITY,
    event_id    uuid        NOT NULL,
    event_type  text        NOT NULL,
    payload     jsonb       NOT NULL,
    occurred_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, sequence),
    UNIQUE (event_id)
);
-- The replay walks every tenant's events in the order received.
CREATE UNIQUE INDEX event_journal_sequence ON event_journal (sequence);
SELECT enable_contract_rls('event_journal');

-- The tenants the journal holds events of: ids only, no business data, read across tenants by the replay to scope itself.
CREATE TABLE journal_tenants (
    tenant_id uuid PRIMARY KEY
);

-- One row per ticket. Its number, kind and opening come with TicketOpened (null until it arrives, when another event
-- came first); its priority is the latest its events told (by instant, then event id); its status and latest
-- resolution are derived from its status changes.
CREATE TABLE tickets (
    tenant_id      uuid        NOT NULL,
    contract_id    uuid        NOT NULL,
    ticket_id      uuid        NOT NULL,
    number         bigint,
    kind           text,
    opened_at      timestamptz,
    priority       text,
    priority_at    timestamptz,
    priority_event uuid,
    status         text,
    resolved_at    timestamptz,
    score          smallint,
    rated_at       timestamptz,
    PRIMARY KEY (tenant_id, ticket_id)
);
CREATE INDEX tickets_opened ON tickets (contract_id, opened_at);
CREATE INDEX tickets_resolved ON tickets (contract_id, resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX tickets_rated ON tickets (contract_id, rated_at) WHERE rated_at IS NOT NULL;
SELECT enable_contract_rls('tickets');

CREATE TABLE ticket_status_changes (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    ticket_id   uuid        NOT NULL,
    event_id    uuid        NOT NULL,
    occurred_at timestamptz NOT NULL,
    from_status text        NOT NULL,
    to_status   text        NOT NULL,
    PRIMARY KEY (tenant_id, ticket_id, event_id)
);
SELECT enable_contract_rls('ticket_status_changes');

-- The spans during which each ticket needed work, derived from its opening and status changes (a reopen starts a new
-- one); 'infinity' while it still does. The backlog at an instant is the periods covering it: for a recent month the
-- walk of (contract_id, open_until) from that instant reads little more than what is open now, for an old one the walk
-- of (contract_id, opened_from) up to it reads little more than the tickets opened by then.
CREATE TABLE ticket_open_periods (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    ticket_id   uuid        NOT NULL,
    opened_from timestamptz NOT NULL,
    open_until  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, ticket_id, opened_from)
);
CREATE INDEX ticket_open_periods_until ON ticket_open_periods (contract_id, open_until, opened_from) INCLUDE (ticket_id);
CREATE INDEX ticket_open_periods_from ON ticket_open_periods (contract_id, opened_from, open_until) INCLUDE (ticket_id);
SELECT enable_contract_rls('ticket_open_periods');

-- The latest completion of each clock of each ticket (a reopened ticket's resolution completes it again, higher). The
-- ticket's number and kind are copied here (from TicketOpened, whichever arrives first) so that a month's clocks are
-- read without a lookup per clock.
CREATE TABLE sla_completions (
    tenant_id      uuid        NOT NULL,
    contract_id    uuid        NOT NULL,
    ticket_id      uuid        NOT NULL,
    number         bigint,
    kind           text,
    clock          text        NOT NULL,
    priority       text        NOT NULL,
    met            boolean     NOT NULL,
    used_seconds   bigint      NOT NULL,
    target_seconds bigint      NOT NULL,
    started_at     timestamptz NOT NULL,
    due_at         timestamptz NOT NULL,
    completed_at   timestamptz NOT NULL,
    completion     integer     NOT NULL,
    PRIMARY KEY (tenant_id, ticket_id, clock)
);
CREATE INDEX sla_completions_month ON sla_completions (contract_id, completed_at);
SELECT enable_contract_rls('sla_completions');

-- Each clock that ran past its due time (raised once per clock); the breach is at its due time. With the ticket's number
-- and kind, as for the completions.
CREATE TABLE sla_breaches (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    ticket_id   uuid        NOT NULL,
    number      bigint,
    kind        text,
    clock       text        NOT NULL,
    priority    text        NOT NULL,
    due_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, ticket_id, clock)
);
CREATE INDEX sla_breaches_month ON sla_breaches (contract_id, due_at);
SELECT enable_contract_rls('sla_breaches');

-- The latest revision of each outage.
CREATE TABLE service_outages (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    outage_id   uuid        NOT NULL,
    ticket_id   uuid,
    service     text        NOT NULL,
    started_at  timestamptz NOT NULL,
    ended_at    timestamptz,
    revision    integer     NOT NULL,
    PRIMARY KEY (tenant_id, outage_id)
);
CREATE INDEX service_outages_month ON service_outages (contract_id, started_at);
SELECT enable_contract_rls('service_outages');

-- Each month's issued penalty statement (issued once, then frozen).
CREATE TABLE penalty_statements (
    tenant_id            uuid          NOT NULL,
    contract_id          uuid          NOT NULL,
    month                text          NOT NULL,
    issued_at            timestamptz   NOT NULL,
    monthly_fee          numeric(14,2) NOT NULL,
    gross_amount         numeric(14,2) NOT NULL,
    free_amount          numeric(14,2) NOT NULL,
    waived_amount        numeric(14,2) NOT NULL,
    monthly_cap_deducted numeric(14,2) NOT NULL,
    annual_cap_deducted  numeric(14,2) NOT NULL,
    below_minimum        boolean       NOT NULL,
    total                numeric(14,2) NOT NULL,
    adjustment_total     numeric(14,2) NOT NULL,
    total_due            numeric(14,2) NOT NULL,
    lines                jsonb         NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, month)
);
SELECT enable_contract_rls('penalty_statements');

-- Each invoice or credit note: its receipt, its latest control, its approval, dispute and payment, each kept from its
-- own event (the row is created by whichever arrives first). Its month is its billing period's first day, else its
-- issue date.
CREATE TABLE invoices (
    tenant_id          uuid          NOT NULL,
    contract_id        uuid          NOT NULL,
    invoice_id         uuid          NOT NULL,
    number             text          NOT NULL,
    kind               text,
    issue_date         date,
    period_start       date,
    billing_day        date GENERATED ALWAYS AS (coalesce(period_start, issue_date)) STORED,
    total_without_vat  numeric(18,2),
    total_with_vat     numeric(18,2),
    received_at        timestamptz,
    result             text,
    discrepancy_count  integer       NOT NULL DEFAULT 0,
    total_at_stake     numeric(18,2) NOT NULL DEFAULT 0,
    blocking_codes     text[]        NOT NULL DEFAULT '{}',
    controlled_at      timestamptz,
    controlled_event   uuid,
    approved_at        timestamptz,
    disputed_at        timestamptz,
    paid_on            date,
    PRIMARY KEY (tenant_id, invoice_id)
);
CREATE INDEX invoices_month ON invoices (contract_id, billing_day);
SELECT enable_contract_rls('invoices');

-- The client's latest budget plan of each contract and calendar year.
CREATE TABLE budget_plans (
    tenant_id   uuid          NOT NULL,
    contract_id uuid          NOT NULL,
    year        integer       NOT NULL,
    annual      numeric(16,2),
    monthly     jsonb         NOT NULL,
    planned_at  timestamptz   NOT NULL,
    event_id    uuid          NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, year)
);
SELECT enable_contract_rls('budget_plans');

-- Every change of state of each evolution request: its state at an instant is the latest change up to it.
CREATE TABLE evolution_changes (
    tenant_id    uuid          NOT NULL,
    contract_id  uuid          NOT NULL,
    evolution_id uuid          NOT NULL,
    event_id     uuid          NOT NULL,
    occurred_at  timestamptz   NOT NULL,
    from_state   text          NOT NULL,
    to_state     text          NOT NULL,
    title        text          NOT NULL,
    quote_amount numeric(16,2),
    PRIMARY KEY (tenant_id, evolution_id, event_id)
);
CREATE INDEX evolution_changes_contract ON evolution_changes (contract_id, occurred_at);
SELECT enable_contract_rls('evolution_changes');
