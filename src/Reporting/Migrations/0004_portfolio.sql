-- What the portfolio and the provider's desk read beyond the month's facts, kept from events like the other read models
-- (journaled, rebuilt by the replay, contract pattern of row-level security).

-- Each contract's phase, the latest its events told (by instant, then event id): the portfolio shows it, and a contract
-- that is ending (reversibility) or closed has no notice deadline left to give.
CREATE TABLE contract_phases (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    phase       text        NOT NULL,
    changed_at  timestamptz NOT NULL,
    event_id    uuid        NOT NULL,
    PRIMARY KEY (tenant_id, contract_id)
);
SELECT enable_contract_rls('contract_phases');

-- The latest SLA warning of each ticket's clock (by instant, then event id): how far into its allowance the clock is,
-- its due time and the agent assigned then. A warning stays a fact; whether the clock is still at risk (not completed
-- since, not breached, the ticket still open) is read with the completions, breaches and tickets, whatever order the
-- events came in.
CREATE TABLE sla_warnings (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    ticket_id   uuid        NOT NULL,
    clock       text        NOT NULL,
    priority    text        NOT NULL,
    percent     integer     NOT NULL,
    due_at      timestamptz NOT NULL,
    number      bigint,
    assignee_id uuid,
    raised_at   timestamptz NOT NULL,
    event_id    uuid        NOT NULL,
    PRIMARY KEY (tenant_id, ticket_id, clock)
);
CREATE INDEX sla_warnings_due ON sla_warnings (contract_id, due_at);
SELECT enable_contract_rls('sla_warnings');
