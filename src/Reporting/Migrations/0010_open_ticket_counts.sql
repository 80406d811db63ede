-- The provider's desk counted its open tickets at every read: 3 ms of the database's time per read at 15,000 open
-- tickets, and more with every ticket left open. The counts by contract and priority are now kept as tickets change.
--
-- Every change of the tickets table leaves its change of the counts (+1, -1) in open_ticket_count_changes, from a
-- trigger, so that no write of a ticket, the replay's included, can forget it. Those rows are only ever inserted by the
-- transactions changing tickets: they never wait on each other, whatever tickets they change and in whatever order. The
-- changes committed are then folded into open_ticket_counts by one transaction at a time (fold_open_ticket_counts,
-- called as events are applied), and a reader sums both tables: the counts are exact at every instant, folded or not.

CREATE TABLE open_ticket_counts (
    tenant_id   uuid    NOT NULL,
    contract_id uuid    NOT NULL,
    priority    text    NOT NULL,
    open        integer NOT NULL,
    PRIMARY KEY (contract_id, tenant_id, priority)
);

CREATE TABLE open_ticket_count_changes (
    tenant_id   uuid    NOT NULL,
    contract_id uuid    NOT NULL,
    priority    text    NOT NULL,
    change      integer NOT NULL
);
-- Inserted and deleted all day: vacuumed after every thousand changes rather than a fifth of the table.
ALTER TABLE open_ticket_count_changes SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);

-- The readers see their contracts' rows only. The fold works across tenants as the tables' owner, which the policies
-- then do not bind (not forced): the function runs as its owner, and anyone may call it, as it moves counts and no more.
SELECT enable_contract_rls('open_ticket_counts');
SELECT enable_contract_rls('open_ticket_count_changes');
ALTER TABLE open_ticket_counts NO FORCE ROW LEVEL SECURITY;
ALTER TABLE open_ticket_count_changes NO FORCE ROW LEVEL SECURITY;

-- A ticket is open now when its opening is known and its status still needs work (the desk's own predicate, and the
-- index tickets_open_now's). A null priority (a ticket known only by a later event) counts under ''.
CREATE FUNCTION count_open_tickets() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    was_open boolean := false;
    is_open  boolean := false;
BEGIN
    -- A null status leaves the comparison null: not open, as for the desk.
    IF TG_OP <> 'INSERT' THEN
        was_open := coalesce(OLD.opened_at IS NOT NULL AND OLD.status NOT IN ('resolved', 'closed'), false);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        is_open := coalesce(NEW.opened_at IS NOT NULL AND NEW.status NOT IN ('resolved', 'closed'), false);
    END IF;
    IF was_open AND is_open
       AND (OLD.tenant_id, OLD.contract_id, coalesce(OLD.priority, '')) = (NEW.tenant_id, NEW.contract_id, coalesce(NEW.priority, '')) THEN
        RETURN NULL;
    END IF;
    IF was_open THEN
        INSERT INTO open_ticket_count_changes VALUES (OLD.tenant_id, OLD.contract_id, coalesce(OLD.priority, ''), -1);
    END IF;
    IF is_open THEN
        INSERT INTO open_ticket_count_changes VALUES (NEW.tenant_id, NEW.contract_id, coalesce(NEW.priority, ''), 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER tickets_open_counts
    AFTER INSERT OR DELETE OR UPDATE OF tenant_id, contract_id, opened_at, status, priority ON tickets
    FOR EACH ROW EXECUTE FUNCTION count_open_tickets();

-- Folds the changes committed so far into the counts; does nothing while another transaction folds (it will be done by
-- then, or at the next call). Only the folding transaction writes the counts, so no writer ever waits on their rows.
-- The changes still to fold are those of transactions not committed when it began, which the readers do not see either.
-- A count fallen to zero stays, as a row per contract and priority: the readers leave it out.
CREATE FUNCTION fold_open_ticket_counts() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    -- Two keys: a space of its own, apart from the single keys of the events' locks.
    IF NOT pg_try_advisory_xact_lock(hashtext('reporting'), hashtext('open_ticket_counts')) THEN
        RETURN;
    END IF;
    WITH folded AS (DELETE FROM open_ticket_count_changes RETURNING tenant_id, contract_id, priority, change)
    INSERT INTO open_ticket_counts AS counts (tenant_id, contract_id, priority, open)
    SELECT tenant_id, contract_id, priority, sum(change) FROM folded GROUP BY contract_id, tenant_id, priority
    ON CONFLICT (contract_id, tenant_id, priority) DO UPDATE SET open = counts.open + excluded.open;
END
$$;

-- The tickets open now, counted once. The tickets' policy would hide every row from a migration that set no scope, so
-- it is lifted for the count (the tables' owner runs the migrations) and forced again after it.
ALTER TABLE tickets NO FORCE ROW LEVEL SECURITY;
INSERT INTO open_ticket_counts (tenant_id, contract_id, priority, open)
SELECT tenant_id, contract_id, coalesce(priority, ''), count(*)
FROM tickets
WHERE opened_at IS NOT NULL AND status NOT IN ('resolved', 'closed')
GROUP BY contract_id, tenant_id, coalesce(priority, '');
ALTER TABLE tickets FORCE ROW LEVEL SECURITY;
