-- Who lost their access, for the gateway to stop using the tokens it holds for them within seconds rather than at
-- their expiry: a user (deactivated, roles changed), a session (signed out), a service account (its key revoked).
-- Ids and instants only, across organisations (the gateway reads them for all), kept a day.
CREATE TABLE revocations (
    subject     uuid        NOT NULL,
    revoked_at  timestamptz NOT NULL
);
CREATE INDEX revocations_at ON revocations (revoked_at);
