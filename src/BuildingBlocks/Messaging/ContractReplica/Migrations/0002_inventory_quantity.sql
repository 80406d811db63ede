-- How many units each inventory line counts, so that invoice control can cap work units counted on a type by the
-- inventory's count of it. Lines replicated before the quantity travelled count one until the next inventory event
-- replaces them.
ALTER TABLE inventory_items ADD COLUMN IF NOT EXISTS quantity integer NOT NULL DEFAULT 1;
