-- A provider's canned replies for its desk: a title and a text in each language of the product. Under the
-- provider organisation as tenant, so that no other organisation, client or provider, reads them.
CREATE TABLE canned_replies (
    tenant_id  uuid        NOT NULL,
    reply_id   uuid        NOT NULL,
    title_en   text        NOT NULL,
    title_fr   text        NOT NULL,
    text_en    text        NOT NULL,
    text_fr    text        NOT NULL,
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, reply_id)
);
SELECT enable_tenant_rls('canned_replies');
