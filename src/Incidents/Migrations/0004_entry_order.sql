-- A ticket's history, comments and attachments are read in the order they were written. Their ids are version 7
-- UUIDs of the change's time, which is kept to the second, so two written in the same second (the fields of one
-- change, a quick reply) would come back in the random order of the ids' other bits. The insertion order breaks
-- those ties.
ALTER TABLE ticket_history ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE ticket_comments ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE ticket_attachments ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
