-- The notification center: the people notifications are addressed to, as Identity describes their accounts, and one
-- row per notification and person who receives it.

-- Nothing here is audited (reading one's notifications changes no contractual data); were it ever, its entries would
-- concern one organisation's people.
SELECT enable_tenant_rls('audit_log');

-- Each person's account as its latest UserAccountChanged says, under the person's own organisation (a client tenant,
-- a provider or the platform). Language and e-mail are kept for the e-mail delivery to come.
CREATE TABLE people (
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
SELECT enable_tenant_rls('people');

-- One row per notification and recipient, under the recipient's organisation: a provider's people find theirs under
-- their own organisation (never under the client's tenant, which they do not see whole), and each person only their
-- own rows (the restrictive policy below). The key (tenant, recipient, notification) is what an e-mail delivery will
-- hang off: at most one per notification and recipient.
CREATE TABLE notifications (
    tenant_id          uuid        NOT NULL,
    recipient_id       uuid        NOT NULL,
    notification_id    uuid        NOT NULL,
    -- The event it was made from: the same event delivered again adds nothing.
    source_event_id    uuid        NOT NULL,
    kind               text        NOT NULL,
    -- The contract it is about, in its client's tenant.
    client_tenant_id   uuid        NOT NULL,
    contract_id        uuid        NOT NULL,
    contract_reference text        NOT NULL,
    -- What in the contract it is about: a ticket, an invoice, an evolution request, a version (named by its number, no id).
    subject_type       text        NOT NULL,
    subject_id         uuid,
    subject_label      text        NOT NULL,
    data               jsonb       NOT NULL,
    created_at         timestamptz NOT NULL,
    read_at            timestamptz,
    PRIMARY KEY (tenant_id, recipient_id, notification_id),
    UNIQUE (tenant_id, recipient_id, source_event_id)
);
CREATE INDEX notifications_unread ON notifications (tenant_id, recipient_id, notification_id DESC) WHERE read_at IS NULL;
SELECT enable_tenant_rls('notifications');
-- Restrictive: added to the tenant policy, never instead of it. A person's transaction (app_user_id() set) reads and
-- changes only their own rows; the system's (the consumers that write them) serves every recipient of its tenants.
CREATE POLICY recipient_only ON notifications AS RESTRICTIVE
    USING (app_user_id() IS NULL OR recipient_id = app_user_id())
    WITH CHECK (app_user_id() IS NULL OR recipient_id = app_user_id());
