-- The replica's contracts and versions keep a handful of rows per organisation: analyzed after one change instead of
-- autovacuum's default of 50, so that the plans joining them to tickets and clocks know their size (see the platform's
-- 0007_small_tables_analyzed.sql).
ALTER TABLE contracts SET (autovacuum_analyze_threshold = 1);
ALTER TABLE contract_terms SET (autovacuum_analyze_threshold = 1);
ALTER TABLE inventory_versions SET (autovacuum_analyze_threshold = 1);
ANALYZE contracts, contract_terms, inventory_versions;
