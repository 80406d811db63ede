-- The desk lists the clocks still at risk, yet found them among every warning the provider ever had: a warning stays a
-- fact after its clock completes or breaches, so the list read a year of warnings (78 ms for 50,000) to find the few
-- hundred still at risk. Whether a warning is still at risk is now kept with it, derived again whenever the ticket, its
-- breaches, its completions or the warning change, and the desk walks the warnings at risk by due time until it has its
-- page (0.85 ms). A replica still running the build before this one writes warnings whose flag it never derives
-- again: once every replica runs this build, replay the read models (POST /replay) if any ran meanwhile.
ALTER TABLE sla_warnings ADD COLUMN at_risk boolean NOT NULL DEFAULT false;

-- The warnings kept so far, derived once as the read models now do. Only those still at risk are written, so that the
-- rows they replace do not fill the new index. The policies would hide every row from a migration that set no scope,
-- so they are lifted for the update (the tables' owner runs the migrations) and forced again after it.
ALTER TABLE sla_warnings NO FORCE ROW LEVEL SECURITY;
ALTER TABLE tickets NO FORCE ROW LEVEL SECURITY;
ALTER TABLE sla_breaches NO FORCE ROW LEVEL SECURITY;
ALTER TABLE sla_completions NO FORCE ROW LEVEL SECURITY;
UPDATE sla_warnings w
SET at_risk = true
WHERE NOT EXISTS (SELECT FROM tickets t WHERE t.tenant_id = w.tenant_id AND t.ticket_id = w.ticket_id AND t.status IN ('resolved', 'closed'))
  AND NOT EXISTS (SELECT FROM sla_breaches b WHERE b.tenant_id = w.tenant_id AND b.ticket_id = w.ticket_id AND b.clock = w.clock)
  AND NOT EXISTS (
      SELECT FROM sla_completions s
      WHERE s.tenant_id = w.tenant_id AND s.ticket_id = w.ticket_id AND s.clock = w.clock AND s.completed_at >= w.raised_at);
ALTER TABLE sla_warnings FORCE ROW LEVEL SECURITY;
ALTER TABLE tickets FORCE ROW LEVEL SECURITY;
ALTER TABLE sla_breaches FORCE ROW LEVEL SECURITY;
ALTER TABLE sla_completions FORCE ROW LEVEL SECURITY;

-- A warning is at risk when it is raised, until what is known of its clock says otherwise.
ALTER TABLE sla_warnings ALTER COLUMN at_risk SET DEFAULT true;

-- By due time alone: the desk stops at its page, and joins each warning to its contract to keep the provider's.
DROP INDEX sla_warnings_due;
CREATE INDEX sla_warnings_at_risk ON sla_warnings (due_at) WHERE at_risk;
ANALYZE sla_warnings;
