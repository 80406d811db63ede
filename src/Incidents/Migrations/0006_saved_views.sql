-- A person's saved views of a list: a name and the list's address (filters, search, sort), theirs alone. Under the
-- person's own organisation, isolated by tenant like every table; the API also keeps each person to their own.
CREATE TABLE saved_views (
    tenant_id  uuid        NOT NULL,
    view_id    uuid        NOT NULL,
    owner_id   uuid        NOT NULL,
    list       text        NOT NULL CHECK (list IN ('tickets')),
    name       text        NOT NULL,
    query      text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, view_id),
    UNIQUE (tenant_id, owner_id, list, name)
);
SELECT enable_tenant_rls('saved_views');
