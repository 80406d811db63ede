-- A table that keeps a handful of rows never reaches autovacuum's default of 50 changes before its first ANALYZE, so
-- the planner guesses its size from its pages: hundreds of rows for one page. Joined to a large table, that guess
-- picks the wrong plan: Reporting's desk, with a never-analyzed replica of two contracts, sorted its 8,360 open
-- tickets before counting them, where it now counts them in a hash (PostgreSQL per desk read 5.99 ms before, 5.13 ms
-- after, at about 8,300 open tickets). With no fixed threshold, a change to a tenth of the rows (one
-- row of a few) is enough.
ALTER TABLE contract_parties SET (autovacuum_analyze_threshold = 0);
ANALYZE contract_parties;
