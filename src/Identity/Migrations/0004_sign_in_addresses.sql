-- Wrong passwords pause the address they come from on that account, not the account itself: one address can no
-- longer lock somebody else out. The account keeps its own count (failed_logins, since last_failed_login_at) for
-- guessing spread over many addresses, whose pause (locked_until) spares the addresses it signed in from lately.
ALTER TABLE users ADD COLUMN last_failed_login_at timestamptz;

CREATE TABLE sign_in_addresses (
    tenant_id        uuid        NOT NULL,
    user_id          uuid        NOT NULL REFERENCES users (id),
    address          text        NOT NULL,
    failures         integer     NOT NULL DEFAULT 0,
    last_failure_at  timestamptz,
    paused_until     timestamptz,
    last_success_at  timestamptz,
    PRIMARY KEY (tenant_id, user_id, address)
);
SELECT enable_tenant_rls('sign_in_addresses');
