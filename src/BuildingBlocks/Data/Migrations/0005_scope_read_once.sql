-- The tenant and contract policies read the transaction's scope once per query, not once per row: written as a scalar
-- subquery, the scope becomes an init plan the executor evaluates once, where the bare function call was evaluated for
-- every row (parsing the setting into an array each time). A month of a large contract reads tens of thousands of rows:
-- on 33,000 SLA clocks the bare call cost 20 ms for a client's user and 40 ms for a provider's. Same rows, same rules.
CREATE OR REPLACE FUNCTION enable_tenant_rls(tbl regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
    EXECUTE format(
        'CREATE POLICY tenant_isolation ON %s USING (tenant_id = ANY ((SELECT app_tenant_ids())::uuid[]))
            WITH CHECK (tenant_id = ANY ((SELECT app_tenant_ids())::uuid[]))',
        tbl);
END
$$;

CREATE OR REPLACE FUNCTION enable_contract_rls(tbl regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
    EXECUTE format(
        'CREATE POLICY contract_isolation ON %s
            USING (tenant_id = ANY ((SELECT app_tenant_ids())::uuid[])
                   OR (tenant_id::text || '':'' || contract_id::text) = ANY ((SELECT app_contract_scope())::text[]))
            WITH CHECK (tenant_id = ANY ((SELECT app_tenant_ids())::uuid[])
                   OR (tenant_id::text || '':'' || contract_id::text) = ANY ((SELECT app_contract_scope())::text[]))',
        tbl);
END
$$;

-- Every policy already written in the former form of the two functions (by them or by hand), rewritten the same way.
DO $$
DECLARE
    policy record;
BEGIN
    FOR policy IN
        SELECT tablename, policyname FROM pg_policies
        WHERE schemaname = current_schema()
          AND ((policyname = 'tenant_isolation' AND qual = '(tenant_id = ANY (app_tenant_ids()))')
            OR (policyname = 'contract_isolation'
                AND qual = '((tenant_id = ANY (app_tenant_ids())) OR ((((tenant_id)::text || '':''::text) || (contract_id)::text) = ANY (app_contract_scope())))'))
    LOOP
        IF policy.policyname = 'tenant_isolation' THEN
            EXECUTE format(
                'ALTER POLICY tenant_isolation ON %I USING (tenant_id = ANY ((SELECT app_tenant_ids())::uuid[]))
                    WITH CHECK (tenant_id = ANY ((SELECT app_tenant_ids())::uuid[]))',
                policy.tablename);
        ELSE
            EXECUTE format(
                'ALTER POLICY contract_isolation ON %I
                    USING (tenant_id = ANY ((SELECT app_tenant_ids())::uuid[])
                           OR (tenant_id::text || '':'' || contract_id::text) = ANY ((SELECT app_contract_scope())::text[]))
                    WITH CHECK (tenant_id = ANY ((SELECT app_tenant_ids())::uuid[])
                           OR (tenant_id::text || '':'' || contract_id::text) = ANY ((SELECT app_contract_scope())::text[]))',
                policy.tablename);
        END IF;
    END LOOP;
END
$$;
