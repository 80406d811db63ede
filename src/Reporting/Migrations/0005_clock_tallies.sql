-- A month's clocks are counted from the index alone: the tallies read each clock's priority, clock, outcome and time
-- used, and the tenant its row-level security checks. On a portfolio's 66,000 clocks the index-only scan took 24 ms
-- where the index and heap took 80 ms.
DROP INDEX sla_completions_month;
CREATE INDEX sla_completions_month ON sla_completions (contract_id, completed_at) INCLUDE (tenant_id, priority, clock, met, used_seconds);
