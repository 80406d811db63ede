-- The replica of the Contracts service's contracts kept by the services that work under them: each signed
-- contract's reference and provider, every version of its terms (SLA policy, calendar) with the day it takes
-- effect, and its inventory. Services that kept these tables before this script existed already have them under
-- these names and with their row-level security: for them it changes nothing.

CREATE TABLE IF NOT EXISTS contracts (
    tenant_id                uuid NOT NULL,
    contract_id              uuid NOT NULL,
    reference                text NOT NULL,
    provider_organisation_id uuid NOT NULL,
    PRIMARY KEY (tenant_id, contract_id),
    UNIQUE (contract_id)
);

CREATE TABLE IF NOT EXISTS contract_terms (
    tenant_id      uuid        NOT NULL,
    contract_id    uuid        NOT NULL,
    version_number integer     NOT NULL,
    effective_from date        NOT NULL,
    terms          jsonb       NOT NULL,
    activated_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, version_number)
);

-- A ticket may name the item it is about, and must name one of its contract's.
CREATE TABLE IF NOT EXISTS inventory_items (
    tenant_id   uuid NOT NULL,
    contract_id uuid NOT NULL,
    item_id     uuid NOT NULL,
    type        text NOT NULL,
    name        text NOT NULL,
    criticality text NOT NULL,
    PRIMARY KEY (tenant_id, contract_id, item_id)
);

-- When each contract's inventory was last replaced: an older event arriving late changes nothing. Kept apart from
-- the contracts: a draft's inventory arrives before the contract is signed.
CREATE TABLE IF NOT EXISTS inventory_versions (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    as_of       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, contract_id)
);

DO $$
DECLARE
    replica text;
BEGIN
    FOREACH replica IN ARRAY ARRAY['contracts', 'contract_terms', 'inventory_items', 'inventory_versions'] LOOP
        IF NOT EXISTS (SELECT FROM pg_policies WHERE schemaname = current_schema() AND tablename = replica AND policyname = 'contract_isolation') THEN
            PERFORM enable_contract_rls(replica::regclass);
        END IF;
    END LOOP;
END
$$;
