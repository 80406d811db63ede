-- A table whose rows belong to one contract, like tickets or invoices: provider users see only their contracts'.
CREATE TABLE contract_items (
    tenant_id   uuid NOT NULL,
    contract_id uuid NOT NULL,
    id          uuid NOT NULL,
    name        text NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
SELECT enable_contract_rls('contract_items');
