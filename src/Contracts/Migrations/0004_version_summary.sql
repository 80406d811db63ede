-- The contract list shows five values of each standing version's terms. The terms (2 KB compressed) are stored out of
-- line, so every list fetched and decompressed the terms of every version it showed: a third of the database's time for
-- a client of two versions, and most of it as versions pile up. The five values now live beside the terms, derived
-- from them by the database on every write, and the list no longer reads the terms.
-- A generated column takes immutable expressions only, and reading text as a date depends on the session's DateStyle:
-- the start date is put together from its parts, as the terms always write it (yyyy-MM-dd).
ALTER TABLE contract_versions
    ADD COLUMN start_date date GENERATED ALWAYS AS (make_date(
        substr(terms ->> 'startDate', 1, 4)::int, substr(terms ->> 'startDate', 6, 2)::int, substr(terms ->> 'startDate', 9, 2)::int)) STORED,
    ADD COLUMN initial_term_months int GENERATED ALWAYS AS ((terms ->> 'initialTermMonths')::int) STORED,
    ADD COLUMN renewal_period_months int GENERATED ALWAYS AS ((terms ->> 'renewalPeriodMonths')::int) STORED,
    ADD COLUMN notice_months int GENERATED ALWAYS AS ((terms ->> 'noticeMonths')::int) STORED,
    ADD COLUMN monthly_fee numeric GENERATED ALWAYS AS ((terms -> 'prices' ->> 'monthlyFee')::numeric) STORED;
