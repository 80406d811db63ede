-- The notification center: the people notifications are addressed to, as Identity describes their accounts, and one
-- row per notification and person who receives it.

-- Nothing here is audited (reading one's notifications changes no contractual data); were it ever, its entries would
-- concern one organisation's people.
SELECT enable_tenant_rls('audit_log');

-- The people notifications are addressed to are the shared people replica's (its own script creates the table).

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
