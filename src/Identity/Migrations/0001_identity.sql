-- Organisations, their users and service accounts, sessions, invitations, signing keys, and the isolation of
-- the audit log (whose table the platform migrations create).
-- Identity's tenant is the organisation: each organisation's users, sessions, keys and audit entries are
-- its rows (tenant_id = organisation id), isolated by row-level security like any tenant data.

-- The registry of organisations: names and kinds only, read by everyone who signs in.
CREATE TABLE organisations (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('client', 'provider', 'platform')),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX organisations_name ON organisations (lower(name));

-- What a log-in needs before it knows the organisation: the e-mail's owner. Nothing else lives here.
-- The application role sees only its scope's rows, like everywhere. The two questions asked across
-- organisations go through the functions below, which answer only them: they run as the table's owner, and
-- the policy is ENABLEd without FORCE here precisely so that the owner (never the application role) reads past it.
CREATE TABLE login_directory (
    email           text PRIMARY KEY,
    tenant_id       uuid NOT NULL,
    user_id         uuid NOT NULL
);
ALTER TABLE login_directory ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON login_directory
    USING (tenant_id = ANY (app_tenant_ids())) WITH CHECK (tenant_id = ANY (app_tenant_ids()));

CREATE FUNCTION login_organisation(address text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT tenant_id FROM login_directory WHERE email = address
$$;

CREATE FUNCTION organisation_user_counts() RETURNS TABLE (tenant_id uuid, user_count integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT tenant_id, count(*)::integer FROM login_directory GROUP BY tenant_id
$$;

CREATE TABLE users (
    tenant_id        uuid        NOT NULL,
    id               uuid        NOT NULL,
    email            text        NOT NULL,
    display_name     text        NOT NULL,
    roles            text[]      NOT NULL,
    status           text        NOT NULL CHECK (status IN ('invited', 'active', 'deactivated')),
    password_hash    text,
    failed_logins    integer     NOT NULL DEFAULT 0,
    locked_until     timestamptz,
    last_login_at    timestamptz,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (id)
);
CREATE UNIQUE INDEX users_email ON users (email);
SELECT enable_tenant_rls('users');

CREATE TABLE sessions (
    tenant_id     uuid        NOT NULL,
    id            uuid        NOT NULL,
    user_id       uuid        NOT NULL REFERENCES users (id),
    secret_hash   bytea       NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    ended_at      timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX sessions_user ON sessions (tenant_id, user_id) WHERE ended_at IS NULL;
SELECT enable_tenant_rls('sessions');

CREATE TABLE invitations (
    tenant_id     uuid        NOT NULL,
    id            uuid        NOT NULL,
    user_id       uuid        NOT NULL REFERENCES users (id),
    secret_hash   bytea       NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    accepted_at   timestamptz,
    PRIMARY KEY (tenant_id, id)
);
SELECT enable_tenant_rls('invitations');

CREATE TABLE service_accounts (
    tenant_id     uuid        NOT NULL,
    id            uuid        NOT NULL,
    name          text        NOT NULL,
    roles         text[]      NOT NULL,
    secret_hash   bytea       NOT NULL UNIQUE,
    key_prefix    text        NOT NULL,
    created_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    last_used_at  timestamptz,
    PRIMARY KEY (tenant_id, id)
);
SELECT enable_tenant_rls('service_accounts');

-- The audit log's table comes with the platform migrations; its entries are isolated here.
SELECT enable_tenant_rls('audit_log');

-- Token signing keys (ES256). Platform-wide: every token of every organisation is signed with the active one.
CREATE TABLE signing_keys (
    id            text        PRIMARY KEY,
    private_key   bytea       NOT NULL,
    public_jwk    jsonb       NOT NULL,
    created_at    timestamptz NOT NULL,
    activates_at  timestamptz NOT NULL,
    retires_at    timestamptz NOT NULL
);

-- The platform's own organisation, home of the Operators.
INSERT INTO organisations (id, name, kind, created_at, updated_at)
VALUES ('01960000-0000-7000-8000-000000000001', 'Infogérance', 'platform', now(), now());
