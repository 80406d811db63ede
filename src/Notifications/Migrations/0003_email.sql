-- E-mail delivery: each person's choices, and the e-mails to send.

-- How each group of notifications (a topic: sla, tickets, evolutions, contracts, invoices) reaches a person: in the
-- app only, by e-mail at once, or in the daily digest. A topic without a row has its default (Domain/EmailPreferences).
-- Under the person's own organisation, and only theirs to read and change, as their notifications are.
CREATE TABLE notification_preferences (
    tenant_id  uuid        NOT NULL,
    person_id  uuid        NOT NULL,
    topic      text        NOT NULL,
    delivery   text        NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, person_id, topic)
);
SELECT enable_tenant_rls('notification_preferences');
CREATE POLICY person_only ON notification_preferences AS RESTRICTIVE
    USING (app_user_id() IS NULL OR person_id = app_user_id())
    WITH CHECK (app_user_id() IS NULL OR person_id = app_user_id());

-- The digest a notification goes out in, when its recipient chose the digest for its topic: the first digest after
-- it was delivered here.
ALTER TABLE notifications ADD COLUMN digest_at timestamptz;
CREATE INDEX notifications_digest ON notifications (tenant_id, recipient_id, digest_at) WHERE digest_at IS NOT NULL;

-- The e-mails to send, as an outbox: written in the transaction that delivers the notification, sent by the
-- service's e-mail workers (rows taken with FOR UPDATE SKIP LOCKED, so replicas share them), marked sent after the
-- send. One e-mail per notification and recipient sent at once, one per recipient and digest: the unique keys make a
-- second row impossible. Ids, times and the last SMTP error only: read across tenants by the workers to find the
-- work, as the outbox is; what the e-mail says is read in the row's tenant.
CREATE TABLE email_deliveries (
    delivery_id     uuid        PRIMARY KEY,
    tenant_id       uuid        NOT NULL,
    recipient_id    uuid        NOT NULL,
    -- One notification sent at once; or, for a digest, null and digest_at set.
    notification_id uuid,
    digest_at       timestamptz,
    -- pending, sent, failed (given up after the last attempt) or skipped (nobody to send it to any more).
    status          text        NOT NULL DEFAULT 'pending',
    due_at          timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    UNIQUE (tenant_id, recipient_id, notification_id),
    UNIQUE (tenant_id, recipient_id, digest_at),
    CHECK ((notification_id IS NULL) <> (digest_at IS NULL)),
    FOREIGN KEY (tenant_id, recipient_id, notification_id) REFERENCES notifications ON DELETE CASCADE
);
CREATE INDEX email_deliveries_due ON email_deliveries (due_at) WHERE status = 'pending';
