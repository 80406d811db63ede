-- The replica's contracts and versions keep a handful of rows per organisation: analyzed once a tenth of their rows
-- changed (one row of a few) instead of after autovacuum's default of 50 changes, so that the plans joining them to
-- tickets and clocks know their size (see the platform's 0007_small_tables_analyzed.sql).
ALTER TABLE contracts SET (autovacuum_analyze_threshold = 0);
ALTER TABLE contract_terms SET (autovacuum_analyze_threshold = 0);
ALTER TABLE inventory_versions SET (autovacuum_analyze_threshold = 0);
ANALYZE contracts, contract_terms, inventory_versions;
