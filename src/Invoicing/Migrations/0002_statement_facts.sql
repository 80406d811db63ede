-- What a month's penalty statement is computed from, kept from the events of Contracts and Incidents (never asked of
-- them): each table holds one row per fact, the latest version of it, under each contract's row-level security.

-- An SLA clock of a ticket that ran past its due time (raised once per clock); the breach instant is its due time.
CREATE TABLE sla_breaches (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    ticket_id   uuid        NOT NULL,
    clock       text        NOT NULL,
    priority    text        NOT NULL,
    breached_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, ticket_id, clock)
);
CREATE INDEX sla_breaches_month ON sla_breaches (contract_id, breached_at);

-- The latest completion of each clock of each ticket (a reopened ticket's clock counts once, at its latest).
CREATE TABLE sla_clock_completions (
    tenant_id    uuid        NOT NULL,
    contract_id  uuid        NOT NULL,
    ticket_id    uuid        NOT NULL,
    clock        text        NOT NULL,
    priority     text        NOT NULL,
    met          boolean     NOT NULL,
    completed_at timestamptz NOT NULL,
    completion   integer     NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, ticket_id, clock)
);
CREATE INDEX sla_clock_completions_month ON sla_clock_completions (contract_id, completed_at);

-- The latest revision of each outage recorded on an incident.
CREATE TABLE service_outages (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    outage_id   uuid        NOT NULL,
    service     text        NOT NULL,
    started_at  timestamptz NOT NULL,
    ended_at    timestamptz,
    revision    integer     NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, outage_id)
);

-- The monthly fee in force from a day, as each PricesRevised announced it.
CREATE TABLE prices_in_force (
    tenant_id      uuid          NOT NULL,
    contract_id    uuid          NOT NULL,
    effective_on   date          NOT NULL,
    version_number integer       NOT NULL,
    monthly_fee    numeric(14,2) NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, effective_on, version_number)
);

-- Each contract's phase, and when its run began (statements are made from that month on).
CREATE TABLE contract_phases (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    phase       text        NOT NULL,
    changed_at  timestamptz NOT NULL,
    run_since   timestamptz,
    PRIMARY KEY (tenant_id, contract_id)
);

-- Tickets' numbers, which order breaches at the same instant (a ticket not known yet sorts by its id).
CREATE TABLE ticket_numbers (
    tenant_id   uuid   NOT NULL,
    contract_id uuid   NOT NULL,
    ticket_id   uuid   NOT NULL,
    number      bigint NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, ticket_id)
);

SELECT enable_contract_rls('sla_breaches');
SELECT enable_contract_rls('sla_clock_completions');
SELECT enable_contract_rls('service_outages');
SELECT enable_contract_rls('prices_in_force');
SELECT enable_contract_rls('contract_phases');
SELECT enable_contract_rls('ticket_numbers');

-- Issued statements, frozen: what was issued (the whole statement as read then) and the adjustments it carried for
-- earlier months whose facts changed after their issue.
CREATE TABLE penalty_statements (
    tenant_id   uuid          NOT NULL,
    contract_id uuid          NOT NULL,
    month       text          NOT NULL,
    issued_at   timestamptz   NOT NULL,
    total       numeric(14,2) NOT NULL,
    statement   jsonb         NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, month)
);

-- The adjustments an issued statement carried: per earlier month, the difference between its recomputed and issued totals.
CREATE TABLE penalty_adjustments (
    tenant_id    uuid          NOT NULL,
    contract_id  uuid          NOT NULL,
    month        text          NOT NULL,
    for_month    text          NOT NULL,
    amount       numeric(14,2) NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, month, for_month)
);

-- Waivers and contests of a draft's lines: one row per line (by its key), its latest state.
CREATE TABLE penalty_line_decisions (
    tenant_id      uuid        NOT NULL,
    contract_id    uuid        NOT NULL,
    month          text        NOT NULL,
    line_key       text        NOT NULL,
    status         text        NOT NULL,
    contest_reason text,
    contested_by   text,
    contested_at   timestamptz,
    reason         text,
    decided_by     text,
    decided_at     timestamptz,
    PRIMARY KEY (tenant_id, contract_id, month, line_key)
);

SELECT enable_contract_rls('penalty_statements');
SELECT enable_contract_rls('penalty_adjustments');
SELECT enable_contract_rls('penalty_line_decisions');

-- The next month to issue for each contract in run, and the day after that month's end (UTC): ids, a month and a date
-- only, read across tenants by the issuing pass to find the work.
CREATE TABLE statement_schedule (
    contract_id uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL,
    month       text NOT NULL,
    due_on      date NOT NULL
);
CREATE INDEX statement_schedule_due ON statement_schedule (due_on);
