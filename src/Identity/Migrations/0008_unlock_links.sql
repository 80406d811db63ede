-- When wrong passwords from many addresses pause an account for every address it is not known from, its owner is
-- e-mailed a link: opened on a device, it makes the address that device signs in from one the account is known from,
-- so the owner signs in there while the guessing stays paused. Only the link's hash is kept; it works once, while the
-- pause lasts.
CREATE TABLE unlock_links (
    tenant_id   uuid        NOT NULL,
    token_hash  bytea       NOT NULL,
    user_id     uuid        NOT NULL REFERENCES users (id),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    PRIMARY KEY (tenant_id, token_hash)
);
SELECT enable_tenant_rls('unlock_links');
