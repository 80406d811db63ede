-- A statement falls due a number of days after its month's end in the contract calendar's zone, not in UTC: the issuing
-- pass keeps the instant itself. A first guess (before the zone is known) is corrected by the pass when it reads the
-- contract, without issuing early.
ALTER TABLE statement_schedule ADD COLUMN due_at timestamptz;
UPDATE statement_schedule SET due_at = due_on::timestamp AT TIME ZONE 'UTC';
ALTER TABLE statement_schedule ALTER COLUMN due_at SET NOT NULL;
DROP INDEX statement_schedule_due;
ALTER TABLE statement_schedule DROP COLUMN due_on;
CREATE INDEX statement_schedule_due ON statement_schedule (due_at);

-- When the contract's run ended (it moved on to reversibility or was closed): its last statement is that month's.
ALTER TABLE contract_phases ADD COLUMN run_until timestamptz;

-- The part of an adjustment the annual cap left out: the difference is carried once, whole, but billed within the cap.
ALTER TABLE penalty_adjustments ADD COLUMN cap_deducted numeric(14,2) NOT NULL DEFAULT 0;
