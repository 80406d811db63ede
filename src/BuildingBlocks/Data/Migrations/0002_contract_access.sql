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

-- The contracts the current transaction may see beyond its whole tenants (app.tenant_ids), as
-- 'tenant:contract' pairs set by the unit of work from contract_parties for a provider's users.
-- Unset means none. A provider never gets a client's tenant in app.tenant_ids: tables of whole-tenant
-- data (enable_tenant_rls) stay closed to it, and contract tables show only its contracts' rows.
CREATE FUNCTION app_contract_scope() RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(string_to_array(nullif(current_setting('app.contracts', true), ''), ','), '{}'::text[])
$$;

-- The row-level security pattern of tables whose rows belong to one contract (columns tenant_id, contract_id):
-- the whole tenant is in scope, or this very contract of this very tenant is.
CREATE FUNCTION enable_contract_rls(tbl regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
    EXECUTE format(
        'CREATE POLICY contract_isolation ON %s
            USING (tenant_id = ANY (app_tenant_ids()) OR (tenant_id::text || '':'' || contract_id::text) = ANY (app_contract_scope()))
            WITH CHECK (tenant_id = ANY (app_tenant_ids()) OR (tenant_id::text || '':'' || contract_id::text) = ANY (app_contract_scope()))',
        tbl);
END
$$;
