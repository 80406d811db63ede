-- The months whose scorecard is final (the month's penalty statement issued), each once: the event that says so is
-- raised when its row is written, so a second statement of the same month, or one replayed, raises nothing more.
CREATE TABLE final_months (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    month       text        NOT NULL,
    final_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, month)
);
SELECT enable_contract_rls('final_months');
