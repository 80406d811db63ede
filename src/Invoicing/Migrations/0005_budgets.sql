-- The client's budget of a contract for a calendar year: an amount for the whole year, or one per month entered
-- (a JSON object from month number to amount). What was invoiced and committed is computed, never stored.
CREATE TABLE budget_plans (
    tenant_id   uuid          NOT NULL,
    contract_id uuid          NOT NULL,
    year        integer       NOT NULL,
    annual      numeric(14,2),
    monthly     jsonb         NOT NULL DEFAULT '{}',
    updated_by  text          NOT NULL,
    updated_at  timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, year)
);

SELECT enable_contract_rls('budget_plans');
