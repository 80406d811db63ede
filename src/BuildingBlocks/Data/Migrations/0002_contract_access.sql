-- Two-sided tenancy: a provider's users reach a tenant's data only through the contracts that name their
-- organisation, and only while those contracts are not closed. Every service keeps this replica of the
-- contracts' parties (fed by the Contracts service's events) so that its API and its row-level security
-- both apply it.

CREATE TABLE contract_parties (
    contract_id              uuid        PRIMARY KEY,
    tenant_id                uuid        NOT NULL,
    provider_organisation_id uuid        NOT NULL,
    is_open                  boolean     NOT NULL,
    -- The contract's version when the event was raised: an older event arriving late changes nothing.
    version                  bigint      NOT NULL,
    updated_at               timestamptz NOT NULL
);
CREATE INDEX contract_parties_provider ON contract_parties (provider_organisation_id, tenant_id) WHERE is_open;

-- The contracts the current transaction may see inside its tenants: '*' (a client's own users, consumers)
-- means all of them; otherwise a list set by the unit of work from contract_parties. Unset means none.
CREATE FUNCTION app_all_contracts() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(current_setting('app.contract_ids', true), '') = '*'
$$;

CREATE FUNCTION app_contract_ids() RETURNS uuid[]
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN app_all_contracts() THEN '{}'::uuid[]
                ELSE coalesce(string_to_array(nullif(current_setting('app.contract_ids', true), ''), ',')::uuid[], '{}'::uuid[])
           END
$$;

-- The row-level security pattern of tables whose rows belong to one contract (column contract_id):
-- the tenant must be in scope, and so must the contract unless the scope is the whole tenant.
CREATE FUNCTION enable_contract_rls(tbl regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
    EXECUTE format(
        'CREATE POLICY contract_isolation ON %s
            USING (tenant_id = ANY (app_tenant_ids()) AND (app_all_contracts() OR contract_id = ANY (app_contract_ids())))
            WITH CHECK (tenant_id = ANY (app_tenant_ids()) AND (app_all_contracts() OR contract_id = ANY (app_contract_ids())))',
        tbl);
END
$$;
