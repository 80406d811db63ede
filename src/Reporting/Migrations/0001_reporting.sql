-- Reports are drawn up contract by contract: the audit trail is kept under each contract, so that its
-- provider reads the entries of its own contracts too (the table itself comes with the platform migrations).
SELECT enable_contract_rls('audit_log');
