-- The prices in force: what was last announced per contract, and when each contract's prices next need a look.

-- The prices last announced by PricesRevised. An event goes out only when the prices in force differ from these
-- (the fingerprint), and the row is written in the event's transaction, so replicas racing announce a change once.
CREATE TABLE published_prices (
    tenant_id      uuid          NOT NULL,
    contract_id    uuid          NOT NULL,
    version_number integer       NOT NULL,
    effective_on   date          NOT NULL,
    monthly_fee    numeric(14,2) NOT NULL,
    fingerprint    text          NOT NULL,
    published_at   timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, contract_id),
    FOREIGN KEY (tenant_id, contract_id) REFERENCES contracts
);
SELECT enable_contract_rls('published_prices');

-- When each signed contract's prices may next change: its next anniversary, a version signed for later, or at once
-- after an Operator publishes an index. Ids and a date only, read across tenants to find the work (like notice_schedule).
CREATE TABLE price_schedule (
    contract_id uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL,
    due_on      date NOT NULL
);
CREATE INDEX price_schedule_due ON price_schedule (due_on);
