-- The ticket lists (GET /tickets) walk, for each tenant and each contract the caller sees, an index in the list's
-- order and stop after a page (measured on 1,000,000 tickets in docs/benchmarks.md). These give that walk to the
-- lists that had none: the open tickets newest first (a client's "open" list, a desk's open tickets by date), and a
-- requester's own tickets, a few among a whole company's. IF NOT EXISTS: on a large live table, build them first by
-- hand with CREATE INDEX CONCURRENTLY (impossible inside the migration's transaction), and this finds them done; a
-- concurrent build that failed leaves an invalid index of that name (pg_index.indisvalid false): drop it first.
CREATE INDEX IF NOT EXISTS tickets_open_newest ON tickets (tenant_id, ticket_id DESC) WHERE status NOT IN ('resolved', 'closed');
CREATE INDEX IF NOT EXISTS tickets_contract_open_newest ON tickets (contract_id, ticket_id DESC) WHERE status NOT IN ('resolved', 'closed');
CREATE INDEX IF NOT EXISTS tickets_requester ON tickets (tenant_id, requester_id, ticket_id DESC);

-- The row-level security policy compares 'tenant:contract' with a desk's contracts. Without statistics on that
-- expression the planner takes it to keep 0.5 % of the rows, so it guesses a desk's tickets in tens and reads them
-- all and sorts them rather than walk an index and stop after a page. With them its guesses follow the data.
CREATE STATISTICS IF NOT EXISTS tickets_contract_scope ON ((tenant_id::text || ':' || contract_id::text)) FROM tickets;
ANALYZE tickets;

-- The queue across every tenant by urgency: no list walks it any more (each walks its tenant's or contract's), and
-- every change of a ticket's due time kept it up to date for nothing.
DROP INDEX IF EXISTS tickets_urgency;
