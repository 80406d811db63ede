-- What the invoice control reads besides the statements' facts, kept from events (never asked of Contracts).

-- The work units' prices in force from each date, beside the monthly fee (as PricesRevised announces them).
ALTER TABLE prices_in_force ADD COLUMN work_units jsonb NOT NULL DEFAULT '[]';

-- The latest state of each evolution request, its quote and the day the client validated it.
CREATE TABLE evolution_requests (
    tenant_id      uuid          NOT NULL,
    contract_id    uuid          NOT NULL,
    evolution_id   uuid          NOT NULL,
    title          text          NOT NULL,
    state          text          NOT NULL,
    quote_amount   numeric(14,2),
    validated_on   date,
    changed_at     timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, evolution_id)
);

-- How the contract's life ends: the day its termination takes effect, and the day it was closed.
CREATE TABLE contract_endings (
    tenant_id     uuid NOT NULL,
    contract_id   uuid NOT NULL,
    terminated_on date,
    closed_on     date,
    PRIMARY KEY (tenant_id, contract_id)
);

SELECT enable_contract_rls('evolution_requests');
SELECT enable_contract_rls('contract_endings');

-- Invoices and credit notes as received: the document read (kept whole for each re-control), its status in the
-- workflow and the latest control's verdict. preceding_invoice_id is the contract's invoice it names (BT-25).
CREATE TABLE invoices (
    tenant_id            uuid          NOT NULL,
    contract_id          uuid          NOT NULL,
    invoice_id           uuid          NOT NULL,
    number               text          NOT NULL,
    kind                 text          NOT NULL,
    status               text          NOT NULL,
    result               text,
    total_at_stake       numeric(28,2) NOT NULL DEFAULT 0,
    source               text          NOT NULL,
    issue_date           date          NOT NULL,
    period_start         date,
    period_end           date,
    total_without_vat    numeric(28,2) NOT NULL,
    total_with_vat       numeric(28,2) NOT NULL,
    preceding_number     text,
    preceding_invoice_id uuid,
    document             jsonb         NOT NULL,
    dispute_message      text,
    disputed_by          text,
    disputed_at          timestamptz,
    approved_at          timestamptz,
    paid_on              date,
    received_at          timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, invoice_id),
    UNIQUE (invoice_id)
);
CREATE INDEX invoices_contract ON invoices (tenant_id, contract_id, issue_date DESC);
CREATE INDEX invoices_number ON invoices (tenant_id, lower(number));
CREATE INDEX invoices_preceding ON invoices (tenant_id, preceding_invoice_id) WHERE preceding_invoice_id IS NOT NULL;

-- The file as uploaded (none for an invoice entered in the form), apart so that lists never read it.
CREATE TABLE invoice_originals (
    tenant_id    uuid   NOT NULL,
    contract_id  uuid   NOT NULL,
    invoice_id   uuid   NOT NULL,
    file_name    text   NOT NULL,
    content_type text   NOT NULL,
    content      bytea  NOT NULL,
    PRIMARY KEY (tenant_id, invoice_id)
);

-- Each line as billed, with what the control recognised it bills (its kind, work-unit code, evolution request).
CREATE TABLE invoice_lines (
    tenant_id      uuid          NOT NULL,
    contract_id    uuid          NOT NULL,
    invoice_id     uuid          NOT NULL,
    position       integer       NOT NULL,
    kind           text          NOT NULL,
    work_unit_code text,
    evolution_id   uuid,
    month          text,
    quantity       numeric(28,6) NOT NULL,
    net_amount     numeric(28,6) NOT NULL,
    PRIMARY KEY (tenant_id, invoice_id, position)
);
CREATE INDEX invoice_lines_contract ON invoice_lines (tenant_id, contract_id, kind);

-- The discrepancies of the latest control, by their stable key, with the client's acceptance when approved.
CREATE TABLE invoice_discrepancies (
    tenant_id       uuid          NOT NULL,
    contract_id     uuid          NOT NULL,
    invoice_id      uuid          NOT NULL,
    key             text          NOT NULL,
    ordinal         integer       NOT NULL,
    code            text          NOT NULL,
    line            integer,
    expected        numeric(28,6),
    actual          numeric(28,6),
    amount_at_stake numeric(28,2) NOT NULL,
    blocking        boolean       NOT NULL,
    message         jsonb         NOT NULL,
    duplicate_of    uuid,
    accepted_reason text,
    accepted_by     text,
    accepted_at     timestamptz,
    PRIMARY KEY (tenant_id, invoice_id, key)
);

-- Other invoices the client said this one does not duplicate.
CREATE TABLE invoice_cleared_duplicates (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    invoice_id  uuid        NOT NULL,
    other_id    uuid        NOT NULL,
    reason      text        NOT NULL,
    cleared_by  text        NOT NULL,
    cleared_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, invoice_id, other_id)
);

-- Every step of an invoice's workflow, in order.
CREATE TABLE invoice_history (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    invoice_id  uuid        NOT NULL,
    entry_id    uuid        NOT NULL,
    status      text        NOT NULL,
    at          timestamptz NOT NULL,
    by_name     text        NOT NULL,
    reason      text,
    PRIMARY KEY (tenant_id, invoice_id, entry_id)
);

SELECT enable_contract_rls('invoices');
SELECT enable_contract_rls('invoice_originals');
SELECT enable_contract_rls('invoice_lines');
SELECT enable_contract_rls('invoice_discrepancies');
SELECT enable_contract_rls('invoice_cleared_duplicates');
SELECT enable_contract_rls('invoice_history');
