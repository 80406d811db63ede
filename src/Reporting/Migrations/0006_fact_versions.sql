-- How many times each contract's read model rows were changed: every event applied to them (and every replay) counts
-- one more, in the transaction that changes the rows. A reader that remembers a month's counts with the number it read
-- them at knows they still hold while the number has not moved.
CREATE TABLE contract_fact_versions (
    tenant_id   uuid   NOT NULL,
    contract_id uuid   NOT NULL,
    version     bigint NOT NULL,
    PRIMARY KEY (tenant_id, contract_id)
);
CREATE INDEX contract_fact_versions_contract ON contract_fact_versions (contract_id) INCLUDE (version);
SELECT enable_contract_rls('contract_fact_versions');
