-- Replica of each contract's inventory (from the Contracts service's inventory events): a ticket may name the item
-- it is about, and must name one of its contract's.
CREATE TABLE inventory_items (
    tenant_id   uuid NOT NULL,
    contract_id uuid NOT NULL,
    item_id     uuid NOT NULL,
    type        text NOT NULL,
    name        text NOT NULL,
    criticality text NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, item_id)
);
SELECT enable_contract_rls('inventory_items');

-- When the replica of each contract's inventory was last replaced: an older event arriving late changes nothing.
-- Kept apart from the contracts replica: a draft's inventory arrives before the contract is signed.
CREATE TABLE inventory_versions (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    as_of       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, contract_id)
);
SELECT enable_contract_rls('inventory_versions');
