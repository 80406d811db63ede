-- An outage is changed by its id alone (PUT /outages/{id}): the primary key leads with tenant_id, which a provider's
-- desk serving several tenants does not give, so the id gets its own index (unique, as tickets' ids are).
CREATE UNIQUE INDEX outages_id ON outages (outage_id);
