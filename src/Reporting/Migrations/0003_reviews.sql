-- The periodic reviews (bilans, comités de pilotage) of each contract and its action plan. Every table belongs to one
-- contract and uses the contract pattern of row-level security: both sides of the contract read them, nobody else.

-- A review of one period: the scorecard frozen when it was prepared (never recomputed: later events do not change it),
-- each side's approval of its minutes, and once both approved, the action plan as approved (the items themselves live
-- on and are followed up at the next review). At most one review of a contract is open at a time.
CREATE TABLE reviews (
    tenant_id                uuid        NOT NULL,
    contract_id              uuid        NOT NULL,
    review_id                uuid        NOT NULL,
    number                   integer     NOT NULL,
    period                   text        NOT NULL,
    cadence                  text        NOT NULL,
    period_from              timestamptz NOT NULL,
    period_to                timestamptz NOT NULL,
    title                    text,
    meeting_on               date,
    status                   text        NOT NULL,
    version                  integer     NOT NULL,
    snapshot                 jsonb       NOT NULL,
    prepared_at              timestamptz NOT NULL,
    prepared_by              text        NOT NULL,
    prepared_by_id           uuid        NOT NULL,
    prepared_side            text        NOT NULL,
    client_approved_at       timestamptz,
    client_approved_by       text,
    client_approved_by_id    uuid,
    provider_approved_at     timestamptz,
    provider_approved_by     text,
    provider_approved_by_id  uuid,
    closed_at                timestamptz,
    approved_actions         jsonb,
    PRIMARY KEY (tenant_id, review_id),
    UNIQUE (tenant_id, contract_id, period),
    UNIQUE (tenant_id, contract_id, number)
);
CREATE UNIQUE INDEX reviews_one_open ON reviews (tenant_id, contract_id) WHERE status = 'open';
SELECT enable_contract_rls('reviews');

-- Each side's comment on each indicator of a review.
CREATE TABLE review_comments (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    review_id   uuid        NOT NULL,
    indicator   text        NOT NULL,
    side        text        NOT NULL,
    text        text        NOT NULL,
    author      text        NOT NULL,
    author_id   uuid        NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     integer     NOT NULL,
    PRIMARY KEY (tenant_id, review_id, indicator, side)
);
SELECT enable_contract_rls('review_comments');

-- The decisions and improvement axes (service, needs, technology) a review records.
CREATE TABLE review_points (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    review_id   uuid        NOT NULL,
    point_id    uuid        NOT NULL,
    kind        text        NOT NULL,
    axis        text,
    text        text        NOT NULL,
    side        text        NOT NULL,
    author      text        NOT NULL,
    author_id   uuid        NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     integer     NOT NULL,
    PRIMARY KEY (tenant_id, point_id)
);
CREATE INDEX review_points_review ON review_points (tenant_id, review_id, created_at);
SELECT enable_contract_rls('review_points');

-- The contract's action plan: each item raised in a review, followed up until done or dropped.
CREATE TABLE review_actions (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    action_id   uuid        NOT NULL,
    raised_in   uuid        NOT NULL,
    title       text        NOT NULL,
    side        text        NOT NULL,
    owner       text        NOT NULL,
    due_on      date        NOT NULL,
    status      text        NOT NULL,
    version     integer     NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, action_id)
);
CREATE INDEX review_actions_contract ON review_actions (tenant_id, contract_id, status);
SELECT enable_contract_rls('review_actions');

-- An action's follow-up: notes, and the status changes they came with.
CREATE TABLE review_action_notes (
    tenant_id   uuid        NOT NULL,
    contract_id uuid        NOT NULL,
    action_id   uuid        NOT NULL,
    note_id     uuid        NOT NULL,
    at          timestamptz NOT NULL,
    author      text        NOT NULL,
    author_id   uuid        NOT NULL,
    side        text        NOT NULL,
    text        text,
    from_status text,
    to_status   text,
    PRIMARY KEY (tenant_id, note_id)
);
CREATE INDEX review_action_notes_action ON review_action_notes (tenant_id, action_id, at);
SELECT enable_contract_rls('review_action_notes');

-- The items still to be done when a review was prepared, carried over to it, with their status and due day then.
CREATE TABLE review_carried_actions (
    tenant_id   uuid    NOT NULL,
    contract_id uuid    NOT NULL,
    review_id   uuid    NOT NULL,
    action_id   uuid    NOT NULL,
    status      text    NOT NULL,
    due_on      date    NOT NULL,
    PRIMARY KEY (tenant_id, review_id, action_id)
);
SELECT enable_contract_rls('review_carried_actions');

-- The due day of each item still to do, read across tenants by the pass that tells when an item falls overdue: ids, a
-- day and a flag only, no business data (the pass reads the item itself within its tenant). Told once per due day: a
-- new due day is told again; the row goes once the item is done or dropped.
CREATE TABLE review_action_deadlines (
    action_id   uuid    PRIMARY KEY,
    tenant_id   uuid    NOT NULL,
    contract_id uuid    NOT NULL,
    due_on      date    NOT NULL,
    told        boolean NOT NULL DEFAULT false
);
CREATE INDEX review_action_deadlines_due ON review_action_deadlines (due_on) WHERE NOT told;
