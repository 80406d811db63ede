-- The replica of Identity's accounts kept by the services that need to know people (who may be addressed, who may be
-- assigned work): each person's account as its latest UserAccountChanged says, under the person's own organisation
-- (a client tenant, a provider or the platform), so that a provider's users see their own colleagues and nobody
-- else's. A service that kept this table before this script existed already has it under this name and with its
-- row-level security: for it this changes nothing.
CREATE TABLE IF NOT EXISTS people (
    tenant_id         uuid        NOT NULL,
    user_id           uuid        NOT NULL,
    organisation_kind text        NOT NULL,
    email             text        NOT NULL,
    display_name      text        NOT NULL,
    roles             text[]      NOT NULL,
    status            text        NOT NULL,
    language          text        NOT NULL,
    -- The account's version when the event was raised: an older event arriving late changes nothing.
    version           bigint      NOT NULL,
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_policies WHERE schemaname = current_schema() AND tablename = 'people' AND policyname = 'tenant_isolation') THEN
        PERFORM enable_tenant_rls('people');
    END IF;
END
$$;
